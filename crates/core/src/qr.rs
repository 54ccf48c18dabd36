//! QR codes for payment links, as SVG (crisp at any size, no raster work).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG QR code for `url`, with a quiet zone, at least `min_px` square.
///
/// Fails only for data too long for any QR version (several kilobytes).
pub fn svg(url: &str, min_px: u32) -> Result<String, qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(min_px, min_px)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_svg_for_a_real_length_url() {
        let url = "https://demo-shop.29next.store/checkout/klarna/complete/8f0c2a8e7d6b4c1fa9e3b5d7c9f1e2a4/";
        let s = super::svg(url, 320).unwrap();
        assert!(s.starts_with("<?xml") && s.contains("<svg") && s.contains("#000000"), "expected an SVG document");
    }
}
