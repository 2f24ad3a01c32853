//! Pages to PDF bytes: the drawing goes through printpdf's low-level
//! operations; a small lopdf pass then writes what printpdf gets wrong or
//! cannot express (a nested outline whose entries land on their headings,
//! page labels, clean document information and a content-derived file id).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb as PdfRgb, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

use super::fonts::Face;
use super::layout::{Anchor, Draw, Geometry, Laid, Rgb};
use crate::error::Error;

/// Document information written into the PDF.
#[derive(Debug, Clone)]
pub struct Info {
    /// Title metadata.
    pub title: String,
    /// Author metadata.
    pub author: String,
    /// Subject metadata.
    pub subject: String,
    /// Creation and modification date, `D:YYYYMMDDHHmmSSZ`.
    pub date: String,
}

/// Write laid-out pages as a PDF. `seed` feeds the file identifier, so the
/// same input gives the same bytes.
pub fn write(laid: &Laid, geo: Geometry, info: &Info, seed: &[u8]) -> Result<Vec<u8>, Error> {
    let mut doc = PdfDocument::new(&info.title);
    let mut font_ids: BTreeMap<Face, FontId> = BTreeMap::new();
    for face in Face::ALL {
        let used = laid.pages.iter().any(|p| {
            p.draws
                .iter()
                .any(|d| matches!(d, Draw::Text { face: f, .. } if *f == face))
        });
        if used {
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
                .ok_or_else(|| Error::Render(format!("cannot load the embedded font {face:?}")))?;
            // printpdf's own ids come from a process-wide counter, so a PDF's
            // bytes would depend on what else was rendered first; ours come
            // from the face and the text set in it.
            let id = font_id(face, laid);
            doc.resources
                .fonts
                .map
                .insert(id.clone(), printpdf::PdfFont::new(parsed));
            font_ids.insert(face, id);
        }
    }
    let pages: Vec<PdfPage> = laid
        .pages
        .iter()
        .map(|page| {
            let mut pdf_page = PdfPage::new(
                Mm::from(Pt(geo.width)),
                Mm::from(Pt(geo.height)),
                ops(&page.draws, geo.height, &font_ids),
            );
            // Exact points: a round trip through millimetres is off by a hair.
            let size = Rect::from_wh(Pt(geo.width), Pt(geo.height));
            pdf_page.media_box = size.clone();
            pdf_page.trim_box = size.clone();
            pdf_page.crop_box = size;
            pdf_page
        })
        .collect();
    doc.with_pages(pages);
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    finish(&mut lo, &laid.anchors, geo, info, seed)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Render(format!("writing PDF: {e}")))?;
    Ok(bytes)
}

/// A font resource id that depends only on `face` and the text drawn in it:
/// its first six letters are the subset tag (`ABCDEF+DejaVuSans`), which
/// names the glyph subset, so the same text gives the same tag.
fn font_id(face: Face, laid: &Laid) -> FontId {
    let mut hash = Sha256::new();
    hash.update(format!("{face:?}").as_bytes());
    for page in &laid.pages {
        for d in &page.draws {
            if let Draw::Text { face: f, text, .. } = d
                && *f == face
            {
                hash.update(text.as_bytes());
                hash.update([0]);
            }
        }
    }
    let digest = hash.finalize();
    let tag: String = digest[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    FontId(format!("{tag}{face:?}"))
}

fn color(c: Rgb) -> Color {
    Color::Rgb(PdfRgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// The operations of one page: fills, then rules, then all text in one text
/// object, so backgrounds sit under what is written on them.
fn ops(draws: &[Draw], height: f32, fonts: &BTreeMap<Face, FontId>) -> Vec<Op> {
    let mut out = Vec::new();
    for d in draws {
        if let Draw::Rect {
            x,
            y,
            w,
            h,
            color: c,
        } = d
        {
            out.push(Op::SetFillColor { col: color(*c) });
            out.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(height - y - h),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
    for d in draws {
        if let Draw::Line {
            from,
            to,
            width,
            color: c,
        } = d
        {
            out.push(Op::SetOutlineColor { col: color(*c) });
            out.push(Op::SetOutlineThickness { pt: Pt(*width) });
            out.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(from.0),
                                y: Pt(height - from.1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(to.0),
                                y: Pt(height - to.1),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
    }
    out.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    let mut fill: Option<Rgb> = None;
    for d in draws {
        if let Draw::Text {
            x,
            y,
            face,
            size,
            color: c,
            text,
        } = d
        {
            if font != Some((*face, *size)) {
                out.push(Op::SetFont {
                    font: PdfFontHandle::External(fonts[face].clone()),
                    size: Pt(*size),
                });
                font = Some((*face, *size));
            }
            if fill != Some(*c) {
                out.push(Op::SetFillColor { col: color(*c) });
                fill = Some(*c);
            }
            out.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(height - y)),
            });
            out.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
    }
    out.push(Op::EndTextSection);
    out
}

/// A PDF text string: UTF-16BE with a byte order mark, so any character survives.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn finish(
    lo: &mut lopdf::Document,
    anchors: &[Anchor],
    geo: Geometry,
    info: &Info,
    seed: &[u8],
) -> Result<(), Error> {
    let err = |e: lopdf::Error| Error::Render(format!("finishing PDF: {e}"));
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();

    // Document information, replacing printpdf's (which always carries an
    // empty /GTS_PDFXVersion that makes viewers call the file PDF/X).
    let mut dict = Dictionary::new();
    dict.set("Title", text_string(&info.title));
    dict.set("Author", text_string(&info.author));
    dict.set("Subject", text_string(&info.subject));
    dict.set("Creator", text_string("runbook"));
    dict.set(
        "Producer",
        text_string(concat!("runbook ", env!("CARGO_PKG_VERSION"))),
    );
    dict.set("CreationDate", Object::string_literal(info.date.as_str()));
    dict.set("ModDate", Object::string_literal(info.date.as_str()));
    let info_id = lo.add_object(dict);
    lo.trailer.set("Info", Object::Reference(info_id));

    // The outline: top-level entries with their children, in document order,
    // each landing on its heading.
    let outline_root = lo.new_object_id();
    let mut tops: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
    let mut items: Vec<(ObjectId, &Anchor)> = Vec::new();
    for anchor in anchors {
        let id = lo.new_object_id();
        items.push((id, anchor));
        match (anchor.level, tops.last_mut()) {
            (2, Some((_, children))) => children.push(id),
            _ => tops.push((id, Vec::new())),
        }
    }
    let anchor_of: BTreeMap<ObjectId, &Anchor> = items.iter().copied().collect();
    let item = |id: ObjectId,
                parent: ObjectId,
                prev: Option<ObjectId>,
                next: Option<ObjectId>,
                kids: &[ObjectId]| {
        let a = anchor_of[&id];
        let mut d = Dictionary::new();
        d.set("Title", text_string(&a.title));
        d.set("Parent", Object::Reference(parent));
        if let Some(p) = prev {
            d.set("Prev", Object::Reference(p));
        }
        if let Some(n) = next {
            d.set("Next", Object::Reference(n));
        }
        if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(*first));
            d.set("Last", Object::Reference(*last));
            d.set("Count", Object::Integer(kids.len() as i64));
        }
        let page = pages.get(a.page).copied().unwrap_or(pages[0]);
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Real(0.0),
                Object::Real(geo.height - a.y + 4.0),
                Object::Null,
            ]),
        );
        d
    };
    for (i, (top, kids)) in tops.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| tops[p].0);
        let next = tops.get(i + 1).map(|t| t.0);
        let d = item(*top, outline_root, prev, next, kids);
        lo.objects.insert(*top, Object::Dictionary(d));
        for (j, kid) in kids.iter().enumerate() {
            let prev = j.checked_sub(1).map(|p| kids[p]);
            let next = kids.get(j + 1).copied();
            let d = item(*kid, *top, prev, next, &[]);
            lo.objects.insert(*kid, Object::Dictionary(d));
        }
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (tops.first(), tops.last()) {
        root.set("First", Object::Reference(first.0));
        root.set("Last", Object::Reference(last.0));
        root.set("Count", Object::Integer(tops.len() as i64));
    }
    lo.objects.insert(outline_root, Object::Dictionary(root));

    let catalog = lo.catalog_mut().map_err(err)?;
    catalog.set("Outlines", Object::Reference(outline_root));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    let mut decimal = Dictionary::new();
    decimal.set("S", Object::Name(b"D".to_vec()));
    let mut labels = Dictionary::new();
    labels.set(
        "Nums",
        Object::Array(vec![Object::Integer(0), Object::Dictionary(decimal)]),
    );
    catalog.set("PageLabels", Object::Dictionary(labels));
    catalog.remove(b"Metadata");

    // printpdf numbers documents from a process-wide counter; derive the id
    // from the content instead.
    let digest = Sha256::digest(seed);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    lo.prune_objects();
    lo.compress();
    Ok(())
}
