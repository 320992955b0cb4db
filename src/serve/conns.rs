//! The preview's open connections: at most [`MAX_CONNECTIONS`], and a new client is never kept
//! waiting behind idle ones. A connection is busy while it answers a request (until the last
//! byte of the answer is written; an open page's event stream stays busy); otherwise it is idle
//! (just opened, between two requests, or sending its request head slowly). When the pool is
//! full, the connection idle the longest is closed to make room; when every connection is busy,
//! the newcomer gets `503 Service Unavailable` at once. Thousands of idle sockets therefore cost
//! at most [`MAX_CONNECTIONS`] buffers, and a browser's request is still answered.

use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use hyper::body::{Body, Frame, SizeHint};
use tokio::sync::Notify;

/// Open connections at once (a browser opens up to six per site, plus one per open page).
pub const MAX_CONNECTIONS: usize = 64;

/// The answer to a connection that finds every place taken by a busy one.
pub const FULL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 40\r\nRetry-After: 1\r\nConnection: close\r\n\r\nthe preview is busy: try again shortly\r\n";

/// One open connection.
pub struct Conn {
    /// Requests being answered on it (0: idle).
    busy: AtomicUsize,
    /// When it last became idle, as a tick of its pool's clock.
    idle_since: AtomicU64,
    close: Notify,
}

impl Conn {
    /// Completes when the pool closed this connection to make room.
    pub async fn closed(&self) {
        self.close.notified().await;
    }
}

/// The open connections.
#[derive(Default)]
pub struct Pool {
    conns: Mutex<Vec<Arc<Conn>>>,
    clock: AtomicU64,
}

impl Pool {
    /// A place for a new connection, made by closing the longest-idle one if the pool is full;
    /// `None` when all [`MAX_CONNECTIONS`] are busy.
    pub fn admit(&self) -> Option<Arc<Conn>> {
        let mut conns = self.conns.lock().unwrap_or_else(|e| e.into_inner());
        if conns.len() >= MAX_CONNECTIONS {
            let victim = conns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.busy.load(Ordering::SeqCst) == 0)
                .min_by_key(|(_, c)| c.idle_since.load(Ordering::SeqCst))
                .map(|(i, _)| i)?;
            conns.swap_remove(victim).close.notify_one();
        }
        let conn = Arc::new(Conn { busy: AtomicUsize::new(0), idle_since: AtomicU64::new(self.tick()), close: Notify::new() });
        conns.push(conn.clone());
        Some(conn)
    }

    /// Forgets a connection that ended (a no-op if the pool already closed it).
    pub fn leave(&self, conn: &Arc<Conn>) {
        let mut conns = self.conns.lock().unwrap_or_else(|e| e.into_inner());
        conns.retain(|c| !Arc::ptr_eq(c, conn));
    }

    /// Marks `conn` busy until the returned guard is dropped.
    pub fn busy(self: &Arc<Self>, conn: &Arc<Conn>) -> Busy {
        conn.busy.fetch_add(1, Ordering::SeqCst);
        Busy { pool: self.clone(), conn: conn.clone() }
    }

    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, Ordering::SeqCst)
    }
}

/// A request being answered; see [`Pool::busy`].
pub struct Busy {
    pool: Arc<Pool>,
    conn: Arc<Conn>,
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.conn.idle_since.store(self.pool.tick(), Ordering::SeqCst);
        self.conn.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// An answer's body that keeps its connection busy until it is written whole (or dropped).
pub struct Guarded<B> {
    pub body: B,
    pub busy: Busy,
}

impl<B: Body + Unpin> Body for Guarded<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::body::Bytes;

    type TestBody = http_body_util::Full<Bytes>;

    #[test]
    fn a_full_pool_closes_its_longest_idle_connection() {
        let pool = Arc::new(Pool::default());
        let conns: Vec<_> = (0..MAX_CONNECTIONS).map(|_| pool.admit().unwrap()).collect();
        // The first one answers a request; the second became idle last of all.
        let _busy = pool.busy(&conns[0]);
        drop(pool.busy(&conns[1]));
        let newcomer = pool.admit().expect("room made");
        assert_eq!(pool.conns.lock().unwrap().len(), MAX_CONNECTIONS);
        let open = pool.conns.lock().unwrap().clone();
        assert!(!open.iter().any(|c| Arc::ptr_eq(c, &conns[2])), "the longest-idle one was closed");
        for kept in [&conns[0], &conns[1], &newcomer] {
            assert!(open.iter().any(|c| Arc::ptr_eq(c, kept)));
        }
        // The closed connection is told so, even if it was not listening yet.
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async { tokio::time::timeout(std::time::Duration::from_secs(5), conns[2].closed()).await.expect("closed") });
        pool.leave(&conns[2]);
        assert_eq!(pool.conns.lock().unwrap().len(), MAX_CONNECTIONS);
        pool.leave(&conns[3]);
        assert_eq!(pool.conns.lock().unwrap().len(), MAX_CONNECTIONS - 1);
    }

    #[test]
    fn a_pool_of_busy_connections_admits_nobody() {
        let pool = Arc::new(Pool::default());
        let conns: Vec<_> = (0..MAX_CONNECTIONS).map(|_| pool.admit().unwrap()).collect();
        let guards: Vec<_> = conns.iter().map(|c| pool.busy(c)).collect();
        assert!(pool.admit().is_none());
        let body = Guarded { body: TestBody::new(Bytes::from_static(b"x")), busy: pool.busy(&conns[5]) };
        drop(guards);
        // Idle connections make room; the one whose answer is still being written stays.
        for _ in 0..3 * MAX_CONNECTIONS {
            assert!(pool.admit().is_some());
        }
        let open = |c: &Arc<Conn>| pool.conns.lock().unwrap().iter().any(|o| Arc::ptr_eq(o, c));
        assert!(open(&conns[5]) && !open(&conns[4]));
        drop(body);
        for _ in 0..MAX_CONNECTIONS {
            assert!(pool.admit().is_some());
        }
        assert!(!open(&conns[5]));
    }

    #[test]
    fn the_full_answer_is_well_formed() {
        let text = std::str::from_utf8(FULL).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
    }
}
