//! A receipt on paper: what is printed ([`Doc`], laid out for 58 or 80 mm paper), the
//! ESC/POS bytes a thermal printer takes (written by the `escpos` crate), and the way back
//! from those bytes to the lines, the QR code and the cut ([`read`]), which the preview and
//! the tests use, so both show exactly what the printer gets.

use std::sync::{Arc, Mutex};

use escpos::driver::Driver;
use escpos::printer::Printer;
use escpos::printer_options::PrinterOptions;
use escpos::utils::{JustifyMode, PageCode, Protocol};
use serde::Serialize;

/// One piece of a receipt, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The shop's name: large, bold, centred.
    Title(String),
    /// A centred line (address, date, "Paid with Klarna").
    Center(String),
    /// Left text, right amount on one line (the left side wraps when long).
    Row(String, String),
    /// A [`Block::Row`] in bold (the total).
    Strong(String, String),
    /// A plain line, wrapped to the paper.
    Text(String),
    /// A dashed rule across the paper.
    Rule,
    /// A QR code of this text, centred.
    Qr(String),
}

/// What is printed, before it is bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The pieces, in order.
    pub blocks: Vec<Block>,
}

/// The paper's width in characters of the printer's standard font.
pub fn columns(paper_mm: u16) -> usize {
    if paper_mm <= 58 {
        32
    } else {
        48
    }
}

/// `text` cut into lines of at most `width` characters, at spaces where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The left text wrapped, the amount on the right of its last line.
fn row(left: &str, right: &str, width: usize) -> Vec<String> {
    let room = width.saturating_sub(right.chars().count() + 1).max(8);
    let mut lines = wrap(left, room);
    let last = lines.pop().unwrap_or_default();
    let pad = width.saturating_sub(last.chars().count() + right.chars().count());
    lines.push(format!("{last}{}{right}", " ".repeat(pad.max(1))));
    lines
}

/// Collects what the printer would be sent.
#[derive(Clone, Default)]
struct Memory(Arc<Mutex<Vec<u8>>>);

impl Driver for Memory {
    fn name(&self) -> String {
        "memory".into()
    }
    fn write(&self, data: &[u8]) -> escpos::errors::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(data);
        Ok(())
    }
    fn read(&self, _buf: &mut [u8]) -> escpos::errors::Result<usize> {
        Ok(0)
    }
    fn flush(&self) -> escpos::errors::Result<()> {
        Ok(())
    }
}

/// The code page receipts are printed in: Western European with the euro sign (PC858), so
/// German and Swedish words and `€`, `£` print as they are written.
const PAGE: PageCode = PageCode::PC858;

/// `doc` as ESC/POS for paper `paper_mm` wide: initialise, the blocks, feed and cut.
///
/// Fails only when the `escpos` crate refuses a value (a QR code too long to print).
pub fn escpos_bytes(doc: &Doc, paper_mm: u16) -> Result<Vec<u8>, String> {
    let width = columns(paper_mm);
    let memory = Memory::default();
    let options = PrinterOptions::new(Some(PAGE), None, width as u8);
    let mut p = Printer::new(memory.clone(), Protocol::default(), Some(options));
    let e = |e: escpos::errors::PrinterError| e.to_string();
    p.init().map_err(e)?.page_code(PAGE).map_err(e)?;
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                p.justify(JustifyMode::CENTER).map_err(e)?.bold(true).map_err(e)?.size(2, 2).map_err(e)?;
                for l in wrap(t, width / 2) {
                    p.writeln(&l).map_err(e)?;
                }
                p.reset_size().map_err(e)?.bold(false).map_err(e)?.justify(JustifyMode::LEFT).map_err(e)?;
            }
            Block::Center(t) => {
                p.justify(JustifyMode::CENTER).map_err(e)?;
                for l in wrap(t, width) {
                    p.writeln(&l).map_err(e)?;
                }
                p.justify(JustifyMode::LEFT).map_err(e)?;
            }
            Block::Row(l, r) => {
                for line in row(l, r, width) {
                    p.writeln(&line).map_err(e)?;
                }
            }
            Block::Strong(l, r) => {
                p.bold(true).map_err(e)?;
                for line in row(l, r, width) {
                    p.writeln(&line).map_err(e)?;
                }
                p.bold(false).map_err(e)?;
            }
            Block::Text(t) => {
                for l in wrap(t, width) {
                    p.writeln(&l).map_err(e)?;
                }
            }
            Block::Rule => {
                p.writeln(&"-".repeat(width)).map_err(e)?;
            }
            Block::Qr(data) => {
                p.justify(JustifyMode::CENTER).map_err(e)?.qrcode(data).map_err(e)?.justify(JustifyMode::LEFT).map_err(e)?;
            }
        }
    }
    p.feeds(4).map_err(e)?.print_cut().map_err(e)?;
    let bytes = memory.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok(bytes)
}

/// One printed line, as read back from the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PaperLine {
    /// The characters, decoded from the code page.
    pub text: String,
    /// Printed bold.
    pub bold: bool,
    /// Printed at double width and height.
    pub large: bool,
    /// Centred on the paper.
    pub centered: bool,
}

/// What a printer makes of ESC/POS bytes: the lines, the QR codes' contents, the cuts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Paper {
    /// Every line fed, empty ones included.
    pub lines: Vec<PaperLine>,
    /// What each QR code printed holds, and after which line it is printed.
    pub qr_codes: Vec<(String, usize)>,
    /// How many times the paper is cut.
    pub cuts: usize,
}

impl Paper {
    /// All the text, one line each (for tests and the log).
    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}

/// Read ESC/POS `bytes` back as a printer would. Knows the commands Counterpay sends and the
/// real-time status requests; anything else is an error naming the byte where it is.
pub fn read(bytes: &[u8]) -> Result<Paper, String> {
    const ESC: u8 = 0x1b;
    const GS: u8 = 0x1d;
    const DLE: u8 = 0x10;
    let mut paper = Paper::default();
    let (mut bold, mut large, mut centered) = (false, false, false);
    let mut text = String::new();
    let mut i = 0;
    let at = |i: usize, n: usize| bytes.get(i + n).copied().ok_or_else(|| format!("the bytes end inside a command at {i}"));
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                paper.lines.push(PaperLine { text: std::mem::take(&mut text), bold, large, centered });
                i += 1;
            }
            ESC => match at(i, 1)? {
                b'@' => {
                    (bold, large, centered) = (false, false, false);
                    i += 2;
                }
                b't' | b'M' | b'-' | b'G' | b'V' | b'{' | b'R' | b'3' => i += 3,
                b'2' => i += 2,
                b'a' => {
                    centered = at(i, 2)? == 1;
                    i += 3;
                }
                b'E' => {
                    bold = at(i, 2)? == 1;
                    i += 3;
                }
                b'd' => {
                    // Print what is buffered and feed n lines: the line ends, n - 1 blank ones follow.
                    for n in 0..at(i, 2)? {
                        let text = if n == 0 { std::mem::take(&mut text) } else { String::new() };
                        paper.lines.push(PaperLine { text, bold, large, centered });
                    }
                    i += 3;
                }
                other => return Err(format!("unknown command ESC {other:#04x} at {i}")),
            },
            GS => match at(i, 1)? {
                b'!' => {
                    large = at(i, 2)? != 0;
                    i += 3;
                }
                b'V' => {
                    paper.cuts += 1;
                    i += if matches!(at(i, 2)?, b'A' | b'B') { 4 } else { 3 };
                }
                b'b' | b'B' => i += 3,
                b'(' => {
                    if at(i, 2)? != b'k' {
                        return Err(format!("unknown command GS ( {:#04x} at {i}", at(i, 2)?));
                    }
                    let len = at(i, 3)? as usize + 256 * at(i, 4)? as usize;
                    let body = bytes.get(i + 5..i + 5 + len).ok_or_else(|| format!("a 2D code's data is cut short at {i}"))?;
                    // QR code (49), store the data (80) in symbol storage (48).
                    if body.len() >= 3 && body[0] == 49 && body[1] == 80 {
                        paper.qr_codes.push((String::from_utf8_lossy(&body[3..]).into_owned(), paper.lines.len()));
                    }
                    i += 5 + len;
                }
                other => return Err(format!("unknown command GS {other:#04x} at {i}")),
            },
            DLE => i += if at(i, 1)? == 0x04 { 4 } else { 2 },
            0x00..=0x1f => i += 1,
            _ => {
                let c = if b < 0x80 { b as char } else { oem_cp::decode_char_complete_table(b, &oem_cp::code_table::DECODING_TABLE_CP858) };
                // The `escpos` crate writes `-` as PC858's soft hyphen (0xF0), which prints as a
                // hyphen: read it as one.
                text.push(if c == '\u{ad}' { '-' } else { c });
                i += 1;
            }
        }
    }
    if !text.is_empty() {
        paper.lines.push(PaperLine { text, bold, large, centered });
    }
    Ok(paper)
}

/// The paper as an SVG picture: white paper, the printer's monospace lines, the QR codes
/// where they are printed. The window and the screenshots show this.
pub fn svg(paper: &Paper, paper_mm: u16) -> String {
    let width = columns(paper_mm);
    let (char_w, line_h, margin) = (11.0_f64, 22.0_f64, 16.0_f64);
    let px = char_w * width as f64 + 2.0 * margin;
    let mut body = String::new();
    let mut y = margin;
    let esc = |s: &str| html_escape::encode_text(s).into_owned();
    let mut qr_at = paper.qr_codes.iter().peekable();
    let draw_qr = |y: &mut f64, data: &str, body: &mut String| {
        if let Ok(code) = qrcode::QrCode::new(data.as_bytes()) {
            let image = code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(132, 132).quiet_zone(false).build();
            let inner = image.split_once("?>").map(|(_, rest)| rest).unwrap_or(&image).trim();
            let size = 132.0;
            let x = (px - size) / 2.0;
            body.push_str(&format!(
                r#"<g transform="translate({x:.1} {:.1})">{}</g>"#,
                *y + 6.0,
                inner.replacen("<svg ", r#"<svg width="132" height="132" "#, 1)
            ));
            *y += size + 12.0;
        }
    };
    for (index, line) in paper.lines.iter().enumerate() {
        while let Some((data, _)) = qr_at.next_if(|(_, after)| *after == index) {
            draw_qr(&mut y, data, &mut body);
        }
        let scale = if line.large { 2.0 } else { 1.0 };
        y += line_h * scale;
        if line.text.trim().is_empty() {
            continue;
        }
        let (x, anchor) = if line.centered { (px / 2.0, "middle") } else { (margin, "start") };
        body.push_str(&format!(
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="{anchor}" font-size="{:.0}" font-weight="{}" xml:space="preserve">{}</text>"#,
            y - 5.0,
            18.0 * scale,
            if line.bold { 700 } else { 400 },
            esc(&line.text)
        ));
    }
    for (data, _) in qr_at {
        draw_qr(&mut y, data, &mut body);
    }
    let height = y + margin;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{px:.0}" height="{height:.0}" viewBox="0 0 {px:.0} {height:.0}" role="img"><rect width="100%" height="100%" fill="#fff"/><g font-family="DejaVu Sans Mono, monospace" fill="#111">{body}</g></svg>"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        Doc {
            blocks: vec![
                Block::Title("Demo-Laden".into()),
                Block::Center("Marktstraße 12".into()),
                Block::Rule,
                Block::Row("2 × Anstecknadel-Set aus Emaille mit einem sehr langen Namen".into(), "22,08 €".into()),
                Block::Strong("Summe".into(), "22,08 €".into()),
                Block::Qr("10001".into()),
                Block::Center("Bezahlt mit Klarna".into()),
            ],
        }
    }

    #[test]
    fn what_is_printed_reads_back_line_for_line_with_its_qr_code_and_cut() {
        for mm in [58, 80] {
            let bytes = escpos_bytes(&doc(), mm).unwrap();
            let paper = read(&bytes).unwrap();
            let text = paper.text();
            let width = columns(mm);
            assert!(paper.lines.iter().all(|l| l.text.chars().count() <= if l.large { width / 2 } else { width }), "{text}");
            assert!(text.contains("Demo-Laden") && text.contains("Marktstraße 12") && text.contains("Bezahlt mit Klarna"), "{text}");
            let total = paper.lines.iter().find(|l| l.text.starts_with("Summe")).unwrap();
            assert!(total.bold && total.text.ends_with("22,08 €") && total.text.chars().count() == width, "{total:?}");
            assert!(paper.lines.iter().any(|l| l.large && l.centered && l.text == "Demo-Laden"));
            let long = paper.lines.iter().position(|l| l.text.starts_with("2 × Anstecknadel")).unwrap();
            let sum = paper.lines.iter().position(|l| l.text.starts_with("Summe")).unwrap();
            assert!(
                paper.lines[sum - 1].text.ends_with(" 22,08 €") && sum - long >= 2,
                "a long title wraps, its amount on its last line: {text}"
            );
            assert_eq!(paper.qr_codes.len(), 1);
            assert_eq!(paper.qr_codes[0].0, "10001");
            assert_eq!(paper.cuts, 1, "cut once, at the end");
        }
    }

    #[test]
    fn bytes_it_does_not_know_are_an_error_not_a_guess() {
        assert!(read(&[0x1b, 0x99, 0]).unwrap_err().contains("unknown command"));
        assert!(read(&[0x1d, b'(', b'k', 200, 0, 49]).unwrap_err().contains("cut short"));
        assert!(read(&[0x1b]).unwrap_err().contains("end inside"));
    }

    #[test]
    fn the_picture_holds_every_line_and_the_code() {
        let paper = read(&escpos_bytes(&doc(), 80).unwrap()).unwrap();
        let picture = svg(&paper, 80);
        assert!(picture.starts_with("<svg") && picture.contains("Marktstraße 12") && picture.contains("Bezahlt mit Klarna"));
        assert_eq!(picture.matches("<svg").count(), 2, "the page and its QR code");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let lines = wrap("Ein sehr langer Produktname der nicht passt", 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        assert_eq!(lines.join(" "), "Ein sehr langer Produktname der nicht passt");
        assert_eq!(row("Tee", "5,00 €", 20), ["Tee           5,00 €"]);
    }
}
