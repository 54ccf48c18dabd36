//! QR codes for payment links, as small PNG bitmaps: one pixel a module, shown scaled up
//! without smoothing, so every module stays a crisp square at any size.

use qrcode::{EcLevel, QrCode};

/// Quiet zone around the code, in modules (the QR standard's four).
const QUIET: usize = 4;

/// The QR code for `url` as a PNG, one pixel a module with the quiet zone, black on white
/// (1-bit grey): a few hundred bytes the window shows scaled up without smoothing. A bitmap
/// costs the web view a decode of a few hundred pixels; an SVG image costs it a document of
/// its own, laid out and its path filled at the size shown.
///
/// Fails only for data too long for any QR version (several kilobytes).
pub fn png(url: &str) -> Result<Vec<u8>, qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)?;
    let modules = code.width();
    let side = modules + 2 * QUIET;
    let colors = code.to_colors();
    let row_bytes = side.div_ceil(8);
    // 1-bit grey: a set bit is white. Start all white and clear the dark modules.
    let mut pixels = vec![0xffu8; row_bytes * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = (i % modules + QUIET, i / modules + QUIET);
            pixels[y * row_bytes + x / 8] &= !(0x80 >> (x % 8));
        }
    }
    let mut out = Vec::with_capacity(512);
    let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    // fdeflate: a few hundred bytes either way, without zlib's compressor state to set up.
    encoder.set_compression(png::Compression::Fast);
    let written = encoder.write_header().and_then(|mut w| w.write_image_data(&pixels).and_then(|()| w.finish()));
    // Writing into memory fails only for a size the header and the data disagree on.
    written.expect("a PNG of the size its header gives");
    Ok(out)
}

/// [`png`] as a `data:` URL for an `<img>`.
pub fn png_data_url(url: &str) -> Result<String, qrcode::types::QrError> {
    use base64::Engine as _;
    Ok(format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png(url)?)))
}

#[cfg(test)]
mod tests {
    /// The PNG's pixels, read back by a PNG decoder: (side, one byte a pixel, 0 black).
    fn decoded(png: &[u8]) -> (usize, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let info = reader.info().clone();
        assert_eq!((info.color_type, info.bit_depth), (png::ColorType::Grayscale, png::BitDepth::One));
        assert_eq!(info.width, info.height, "square");
        let side = info.width as usize;
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut buf).unwrap();
        let row = frame.line_size;
        let pixels = (0..side * side)
            .map(|i| if buf[(i / side) * row + (i % side) / 8] & (0x80 >> (i % side % 8)) != 0 { 255 } else { 0 })
            .collect();
        (side, pixels)
    }

    #[test]
    fn the_png_reads_back_as_its_link() {
        for url in [
            "https://demo-shop.29next.store/checkout/klarna/complete/8f0c2a8e7d6b4c1fa9e3b5d7c9f1e2a4/",
            "http://127.0.0.1:41234/pay/3",
            &format!("https://shop.example/checkout/{}", "a".repeat(400)),
        ] {
            let (side, pixels) = decoded(&super::png(url).unwrap());
            // A phone sees it scaled up; so does the decoder here (4 pixels a module).
            let scale = 4;
            let mut image =
                rqrr::PreparedImage::prepare_from_greyscale(side * scale, side * scale, |x, y| pixels[(y / scale) * side + x / scale]);
            let grids = image.detect_grids();
            assert_eq!(grids.len(), 1, "one code in the image of {url}");
            let (_, content) = grids[0].decode().unwrap();
            assert_eq!(content, url);
        }
    }

    #[test]
    fn the_png_has_a_white_quiet_zone_and_one_pixel_a_module() {
        let url = "https://demo-shop.29next.store/checkout/klarna/complete/8f0c2a8e7d6b4c1fa9e3b5d7c9f1e2a4/";
        let png = super::png(url).unwrap();
        let modules = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).unwrap().width();
        let (side, pixels) = decoded(&png);
        assert_eq!(side, modules + 2 * super::QUIET);
        for i in 0..side {
            for q in 0..super::QUIET {
                for (x, y) in [(i, q), (q, i), (i, side - 1 - q), (side - 1 - q, i)] {
                    assert_eq!(pixels[y * side + x], 255, "quiet zone at ({x}, {y})");
                }
            }
        }
        // The finder pattern's dark corner sits just inside the quiet zone.
        assert_eq!(pixels[super::QUIET * side + super::QUIET], 0);
        assert!(png.len() < 1024, "a few hundred bytes: {}", png.len());
        assert!(super::png_data_url(url).unwrap().starts_with("data:image/png;base64,iVBORw0KGgo"));
    }

    #[test]
    fn a_link_too_long_for_any_code_is_an_error() {
        assert!(super::png(&"x".repeat(8000)).is_err());
    }
}
