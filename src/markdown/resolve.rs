//! A link's or image's target: refused where it could run script or leave the site by a
//! scheme it should not, else resolved by the page's [`Links`] (a `.md` path to its page's
//! HTML, a heading to its anchor), each problem recorded with its offset in the Markdown.

use pulldown_cmark::{CowStr, LinkType};

use super::{html_policy, AnchorRef, Links, Problem, Rendered, Resolved};
use crate::diagnostics::Severity;

pub(super) fn resolve<'a>(out: &mut Rendered, links: &dyn Links, link_type: LinkType, dest: CowStr<'a>, is_image: bool, offset: usize) -> CowStr<'a> {
    if matches!(link_type, LinkType::Email) {
        return dest;
    }
    // Never written out, even where a resolver would keep it (the browser reads the URL
    // without tabs and newlines, whatever the case).
    if let html_policy::UrlKind::Remote { scheme: Some(scheme), url } = html_policy::classify_url(&dest) {
        let lower = url.to_ascii_lowercase();
        if matches!(scheme.as_str(), "javascript" | "vbscript") || (scheme == "data" && !(is_image && lower.starts_with("data:image/"))) {
            let message = format!("`{scheme}:` links are not allowed");
            out.problems.push(Problem { offset, severity: Severity::Error, message, hint: "link to a page or a file instead".into() });
            return CowStr::Borrowed("");
        }
    }
    // A link leaves by the same schemes as in the page's HTML; a link without one (`//host/x`)
    // opened from file:// asks the computer's network for `host`.
    if !is_image {
        match html_policy::classify_url(&dest) {
            html_policy::UrlKind::Remote { scheme: Some(scheme), url } if !html_policy::LINK_SCHEMES.contains(&scheme.as_str()) => {
                let message = format!("links with `{scheme}:` are not allowed: `{url}`");
                out.problems.push(Problem {
                    offset,
                    severity: Severity::Error,
                    message,
                    hint: "use https:, mailto: or tel:, or the path of a page or file".into(),
                });
                return dest;
            }
            html_policy::UrlKind::Remote { scheme: None, url } => {
                let message = format!("the link `{url}` has no scheme: from a file or a USB stick it would point at another computer");
                let hint = format!("write the whole address, e.g. `https:{}`", url.replace('\\', "/"));
                out.problems.push(Problem { offset, severity: Severity::Error, message, hint });
                return dest;
            }
            _ => {}
        }
    }
    match links.resolve(&dest, is_image) {
        Resolved::Keep => dest,
        Resolved::Rewrite(href) => href.into(),
        Resolved::Anchor { href, page, anchor } => {
            out.anchors.push(AnchorRef { offset, page, anchor });
            href.into()
        }
        Resolved::Error(message, hint) => {
            out.problems.push(Problem { offset, severity: Severity::Error, message, hint });
            dest
        }
    }
}
