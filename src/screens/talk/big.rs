//! A name in large type: each letter of an 8x8 font drawn as 8x4 cells of half blocks (one
//! pixel across and two down a cell), or, when that is too wide, as 4x4 cells of quarter
//! blocks; readable with or without colour. A name with a character the font lacks (most
//! scripts beyond Latin and Greek, emoji), or one too wide for the window even so, has no
//! large form: the caller shows it in ordinary type.

use font8x8::UnicodeFonts;

/// The cells a letter takes across, at most.
pub const CELLS_PER_LETTER: usize = 8;
/// The rows large type takes.
pub const ROWS: usize = 4;

/// The quarter-block character for (top left, top right, bottom left, bottom right).
const QUARTERS: [char; 16] = [
    ' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█',
];

fn glyph(c: char) -> Option<[u8; 8]> {
    font8x8::BASIC_FONTS
        .get(c)
        .or_else(|| font8x8::LATIN_FONTS.get(c))
        .or_else(|| font8x8::GREEK_FONTS.get(c))
}

/// `text` in large type, one string per row, if every character has a letter in the font
/// and it fits in `width` cells.
pub fn rows(text: &str, width: usize) -> Option<Vec<String>> {
    let text = text.trim();
    let glyphs: Vec<[u8; 8]> = text.chars().map(glyph).collect::<Option<_>>()?;
    if glyphs.is_empty() || glyphs.len() * CELLS_PER_LETTER / 2 > width {
        return None;
    }
    let pixel = |g: &[u8; 8], x: usize, y: usize| g[y] >> x & 1 == 1;
    let mut out = Vec::with_capacity(ROWS);
    if glyphs.len() * CELLS_PER_LETTER <= width {
        const HALVES: [char; 4] = [' ', '▀', '▄', '█'];
        for row in 0..ROWS {
            let mut line = String::new();
            for g in &glyphs {
                for x in 0..8 {
                    let bits = usize::from(pixel(g, x, row * 2))
                        | usize::from(pixel(g, x, row * 2 + 1)) << 1;
                    line.push(HALVES[bits]);
                }
            }
            out.push(line.trim_end().to_string());
        }
        return Some(out);
    }
    for row in 0..ROWS {
        let mut line = String::new();
        for g in &glyphs {
            for col in 0..CELLS_PER_LETTER / 2 {
                let (x, y) = (col * 2, row * 2);
                let bits = usize::from(pixel(g, x, y))
                    | usize::from(pixel(g, x + 1, y)) << 1
                    | usize::from(pixel(g, x, y + 1)) << 2
                    | usize::from(pixel(g, x + 1, y + 1)) << 3;
                line.push(QUARTERS[bits]);
            }
        }
        out.push(line.trim_end().to_string());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_name_is_four_rows_of_blocks() {
        let r = rows("Zoë", 80).expect("Latin letters are in the font");
        assert_eq!(r.len(), ROWS);
        assert!(
            r.iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 24)
        );
        assert!(r.concat().chars().any(|c| c != ' '));
    }

    #[test]
    fn a_long_name_takes_the_smaller_blocks_before_none() {
        let wide = rows("Alexandra", 80).unwrap();
        assert!(wide.concat().chars().all(|c| " ▀▄█".contains(c)));
        let narrow = rows("Alexandra", 40).unwrap();
        assert!(narrow.iter().all(|l| l.chars().count() <= 36));
    }

    #[test]
    fn no_large_form_for_what_the_font_lacks_or_what_does_not_fit() {
        assert_eq!(rows("健", 80), None);
        assert_eq!(rows("Sam 💛", 80), None);
        assert_eq!(rows("Alexandra", 20), None);
        assert_eq!(rows("", 80), None);
    }
}
