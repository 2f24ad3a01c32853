//! The embedded DejaVu fonts and their metrics. Text is measured with each
//! font's real advance widths, so lines break where they will really end.

use std::collections::BTreeSet;

/// The five faces documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
    /// DejaVu Sans Oblique.
    Italic,
    /// DejaVu Sans Bold Oblique.
    BoldItalic,
    /// DejaVu Sans Mono.
    Mono,
}

impl Face {
    /// Every face, in a fixed order.
    pub const ALL: [Face; 5] = [
        Face::Regular,
        Face::Bold,
        Face::Italic,
        Face::BoldItalic,
        Face::Mono,
    ];

    /// The face for a combination of emphasis.
    pub fn styled(bold: bool, italic: bool, code: bool) -> Face {
        match (code, bold, italic) {
            (true, _, _) => Face::Mono,
            (false, true, true) => Face::BoldItalic,
            (false, true, false) => Face::Bold,
            (false, false, true) => Face::Italic,
            (false, false, false) => Face::Regular,
        }
    }

    /// The TrueType file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
            Face::Bold => include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf"),
            Face::Italic => include_bytes!("../../../assets/fonts/DejaVuSans-Oblique.ttf"),
            Face::BoldItalic => include_bytes!("../../../assets/fonts/DejaVuSans-BoldOblique.ttf"),
            Face::Mono => include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf"),
        }
    }
}

/// Parsed faces for measuring text, and the characters no face could draw.
pub struct Fonts {
    faces: Vec<(ttf_parser::Face<'static>, f32)>,
    missing: BTreeSet<char>,
}

impl Fonts {
    /// Parse the embedded fonts (cheap: ttf-parser reads tables lazily).
    pub fn new() -> Self {
        let faces = Face::ALL
            .iter()
            .map(|f| {
                let face = ttf_parser::Face::parse(f.bytes(), 0).expect("embedded font parses");
                let upem = f32::from(face.units_per_em());
                (face, upem)
            })
            .collect();
        Fonts {
            faces,
            missing: BTreeSet::new(),
        }
    }

    /// The width of `text` in `face` at `size` points.
    pub fn width(&mut self, face: Face, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.advance(face, c)).sum::<f32>() * size
    }

    /// The advance of `c` in ems; a character the face lacks is recorded and
    /// measured as the face's missing-glyph box.
    pub fn advance(&mut self, face: Face, c: char) -> f32 {
        let (f, upem) = &self.faces[face as usize];
        let glyph = match f.glyph_index(c) {
            Some(g) => g,
            None => {
                if !c.is_control() {
                    self.missing.insert(c);
                }
                ttf_parser::GlyphId(0)
            }
        };
        f32::from(f.glyph_hor_advance(glyph).unwrap_or(0)) / upem
    }

    /// True if `face` can draw `c`.
    pub fn has(&self, face: Face, c: char) -> bool {
        self.faces[face as usize].0.glyph_index(c).is_some()
    }

    /// Characters that no face could draw, for one warning.
    pub fn missing(&self) -> &BTreeSet<char> {
        &self.missing
    }
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_real_widths() {
        let mut fonts = Fonts::new();
        let narrow = fonts.width(Face::Regular, 10.0, "iiii");
        let wide = fonts.width(Face::Regular, 10.0, "MMMM");
        assert!(wide > narrow * 2.0, "{narrow} {wide}");
        // Monospace: every character the same.
        assert_eq!(
            fonts.width(Face::Mono, 10.0, "iiii"),
            fonts.width(Face::Mono, 10.0, "MMMM")
        );
        assert!(fonts.has(Face::Regular, '☐'));
        assert!(fonts.has(Face::Regular, '—'));
        assert!(fonts.missing().is_empty());
        fonts.width(Face::Regular, 10.0, "漢");
        assert!(fonts.missing().contains(&'漢'));
    }
}
