//! The European flag for the "Co-funded by the European Union" emblem, as inline SVG drawn
//! to the EU's visual identity rules: a 3:2 rectangle in Reflex Blue (#003399), twelve
//! upright five-pointed stars in yellow (#FFCC00) at the hours of a clock, on a circle whose
//! radius is a third of the flag's height; each star's points lie on a circle of a
//! eighteenth of the height.

/// Reflex Blue and yellow, as the visual identity guide gives them in RGB.
pub const BLUE: &str = "#003399";
pub const YELLOW: &str = "#FFCC00";

/// The flag, `height` CSS pixels high, decorative (the emblem's words stand beside it).
pub fn flag_svg(height: u32) -> String {
    let (w, h) = (300.0_f64, 200.0_f64);
    let (cx, cy) = (w / 2.0, h / 2.0);
    let ring = h / 3.0;
    let outer = h / 18.0;
    // The inner points of a regular star: sin 18° / sin 54° of the outer radius.
    let inner = outer * (18f64.to_radians().sin() / 54f64.to_radians().sin());
    let mut stars = String::new();
    for hour in 0..12 {
        let a = (f64::from(hour) * 30.0).to_radians();
        let (sx, sy) = (cx + ring * a.sin(), cy - ring * a.cos());
        stars.push('M');
        for k in 0..10 {
            let r = if k % 2 == 0 { outer } else { inner };
            let b = (f64::from(k) * 36.0).to_radians();
            if k > 0 {
                stars.push('L');
            }
            stars.push_str(&format!("{:.2} {:.2}", sx + r * b.sin(), sy - r * b.cos()));
        }
        stars.push('Z');
    }
    let width = height * 3 / 2;
    format!(
        "<svg class=\"eu-flag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 300 200\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"300\" height=\"200\" fill=\"{BLUE}\"/><path fill=\"{YELLOW}\" d=\"{stars}\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_upright_stars_on_a_ring_of_a_third_of_the_height() {
        let svg = flag_svg(40);
        assert!(svg.contains("width=\"60\" height=\"40\""), "3:2");
        assert!(svg.contains("fill=\"#003399\"") && svg.contains("fill=\"#FFCC00\""));
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(d.matches('M').count(), 12);
        // The top star's upper point: centre 100 − ring 66.67 − outer radius 11.11.
        assert!(d.starts_with("M150.00 22.22L"), "{}", &d[..40]);
        // The star at three o'clock, upright: its top point is straight above its centre.
        let third = d.split('M').nth(4).unwrap();
        assert!(third.starts_with("216.67 88.89L"), "{third}");
    }
}
