//! The Content-Security-Policy of kyklos's pages, written once: the built-in page renderer
//! ([`super::lesson`]) writes [`PAGE`], and the templates' shared head (`head.html`) calls the
//! Tera function `csp()` ([`Csp`]), registered on every theme's templates. A change of the
//! policy is an edit here.

/// The policy with `frame-src` set to `$frames`: everything from the site itself, scripts
/// only from files (no inline script, no `eval`), no plugins, forms or moved base URL.
macro_rules! policy {
    ($frames:literal) => {
        concat!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src ",
            $frames,
            "; object-src 'none'; base-uri 'none'; form-action 'none'"
        )
    };
}

/// Every page of the site and of a package's lessons: it frames nothing.
pub const PAGE: &str = policy!("'none'");

/// A SCORM package's launch page (`sco.html`), which shows the package's own lessons in a frame.
pub const PACKAGE_LAUNCH: &str = policy!("'self'");

/// The Tera function `csp()`: [`PAGE`], or with `frames="self"` [`PACKAGE_LAUNCH`]. Its text
/// is safe (written as it is, not escaped): it holds `'` quotes.
pub(super) struct Csp;

impl tera::Function for Csp {
    fn call(&self, args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        match args.get("frames").map(|v| v.as_str()) {
            None | Some(Some("none")) => Ok(PAGE.into()),
            Some(Some("self")) => Ok(PACKAGE_LAUNCH.into()),
            Some(other) => Err(tera::Error::msg(format!("csp(frames=…) takes \"none\" or \"self\", not {other:?}"))),
        }
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Function;

    #[test]
    fn the_two_policies_differ_only_in_frames() {
        assert_eq!(PAGE.replace("frame-src 'none'", "frame-src 'self'"), PACKAGE_LAUNCH);
        let call = |frames: Option<&str>| {
            let args = frames.map(|f| [("frames".to_string(), tera::Value::from(f))].into_iter().collect()).unwrap_or_default();
            Csp.call(&args).map(|v| v.as_str().unwrap_or_default().to_string())
        };
        assert_eq!(call(None).unwrap(), PAGE);
        assert_eq!(call(Some("none")).unwrap(), PAGE);
        assert_eq!(call(Some("self")).unwrap(), PACKAGE_LAUNCH);
        assert!(call(Some("*")).is_err());
        // The README gives the policy as a header for servers: the same text.
        assert!(include_str!("../../README.md").contains(&format!("`Content-Security-Policy: {PAGE}`")));
    }
}
