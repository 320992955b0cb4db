//! A word's weight in its page, as the search index keeps it: the boost of each field the word
//! is in (title, headings, body), times the square root of how often the field has it over the
//! square root of the field's length, summed, times 100, rounded, at least 1.

use super::BOOSTS;

/// `x.round() as u32` (half away from zero, saturating), without a call into libm for the
/// weights of a page's words: below 2³¹ the fraction `x - trunc(x)` is exact.
fn round(x: f32) -> u32 {
    if (0.0..2_147_483_648.0).contains(&x) {
        let t = x as u32;
        t + u32::from(x - t as f32 >= 0.5)
    } else {
        x.round() as u32
    }
}

/// A word's weight in its page: the boost of each field it is in, times the square root of how
/// often that field has it over the square root of the field's length, summed over the fields,
/// times 100, rounded, at least 1. Most words are in one field a few times: their weights are
/// worked out once per page, by the same arithmetic.
pub(super) struct Weights {
    roots: [f32; 3],
    /// The weight of a word in field `f` only, `c` < [`SMALL_COUNTS`] times: `one_field[f][c]`.
    one_field: [[u32; SMALL_COUNTS]; 3],
}

/// The counts [`Weights`] keeps worked out.
const SMALL_COUNTS: usize = 16;

impl Weights {
    /// For a page whose fields' lengths have the square roots `roots`.
    pub(super) fn of_page(roots: [f32; 3]) -> Weights {
        let mut one_field = [[0; SMALL_COUNTS]; 3];
        for (f, row) in one_field.iter_mut().enumerate() {
            for (c, w) in row.iter_mut().enumerate().skip(1) {
                let mut counts = [0; 3];
                counts[f] = c as u32;
                *w = Weights::worked_out(roots, counts);
            }
        }
        Weights { roots, one_field }
    }

    /// The weight of a word each field has `c[f]` times.
    #[inline(always)]
    pub(super) fn of(&self, c: [u32; 3]) -> u32 {
        let small = |n: u32| (n as usize) < SMALL_COUNTS;
        match c {
            [0, 0, n] if small(n) => self.one_field[2][n as usize],
            [0, n, 0] if small(n) => self.one_field[1][n as usize],
            [n, 0, 0] if small(n) => self.one_field[0][n as usize],
            _ => Weights::worked_out(self.roots, c),
        }
    }

    fn worked_out(roots: [f32; 3], c: [u32; 3]) -> u32 {
        let score: f32 = (0..3).filter(|&f| c[f] > 0).map(|f| BOOSTS[f] * (c[f] as f32).sqrt() / roots[f]).sum();
        round(score * 100.0).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_worked_out_weights_are_each_words_own() {
        let mut next = crate::search::tests::xorshift();
        for _ in 0..2_000 {
            let lens = [next() % 40, next() % 400, next() % 100_000].map(|n| n as u32 + 1);
            let roots = lens.map(|n| (n as f32).sqrt());
            let weights = Weights::of_page(roots);
            for _ in 0..50 {
                // Mostly one field, at small and large counts; sometimes several.
                let mut c = [0u32; 3];
                let f = (next() % 3) as usize;
                c[f] = (next() % 20) as u32 + 1;
                if next().is_multiple_of(4) {
                    c[(f + 1) % 3] = (next() % 5) as u32;
                }
                let c = c.map(|n| n.min(lens[f]));
                assert_eq!(weights.of(c), Weights::worked_out(roots, c), "{c:?} in {lens:?}");
            }
        }
    }

    #[test]
    fn rounds_as_round_does() {
        let mut next = crate::search::tests::xorshift();
        let special =
            [0.0, -0.0, 0.49999997, 0.5, 1.5, 2.5, 8_388_607.5, 8_388_608.0, 2_147_483_520.0, 2_147_483_648.0, 5e9, -0.5, -3.7, f32::INFINITY, f32::NAN];
        // Any bits (every magnitude, negative, NaN) and weights' sizes.
        let generated = (0..200_000).map(|i| if i % 2 == 0 { f32::from_bits(next() as u32) } else { (next() % 300_000_000) as f32 / 100_000.0 });
        let steps = (0..40_000).map(|i| i as f32 / 8.0);
        for x in special.into_iter().chain(generated).chain(steps) {
            assert_eq!(round(x), x.round() as u32, "{x}");
        }
    }
}
