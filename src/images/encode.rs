//! Decoding, resizing (never wider than the source) and encoding the variants: lossy
//! WebP and the source's own format.

use super::photo::Format;
use super::{JPEG_QUALITY, WEBP_QUALITY, WIDTHS};
use anyhow::{Context as _, Result};

/// The widths to make of a source `width` pixels wide: each of [`WIDTHS`] narrower than
/// it (by more than 10%, so that 800 and 820 are not both made), then the source's own
/// width capped at the widest. Never wider than the source.
pub fn target_widths(width: u32) -> Vec<u32> {
    let widest = *WIDTHS.last().unwrap_or(&1200);
    let top = width.min(widest);
    let mut widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|&w| (w as u64) * 10 < (top as u64) * 9)
        .collect();
    widths.push(top.max(1));
    widths
}

/// One encoded variant.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub data: Vec<u8>,
}

/// Decode `bytes` (turned upright by its EXIF orientation), resize to each of
/// `target_widths`, and encode each in `format` and in lossy WebP (once, when `format` is
/// WebP).
pub fn encode_variants(bytes: &[u8], format: Format) -> Result<Vec<Encoded>> {
    use image::ImageDecoder as _;
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes));
    reader.set_format(format.image_format());
    let reader = reader.with_guessed_format()?;
    let mut decoder = reader.into_decoder().context("not a readable image")?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).context("cannot decode")?;
    img.apply_orientation(orientation);
    // 8 bits per channel, with alpha only where there is some to keep.
    let alpha = img.color().has_alpha() && format != Format::Jpeg;
    let img = if alpha {
        image::DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        image::DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let (width, height) = (img.width(), img.height());
    if width == 0 || height == 0 {
        anyhow::bail!("the image is empty");
    }
    let mut out = Vec::new();
    let mut resizer = fast_image_resize::Resizer::new();
    for w in target_widths(width) {
        let h = ((height as u64 * w as u64 + width as u64 / 2) / width as u64).max(1) as u32;
        let pixels: Vec<u8> = if w == width {
            img.as_bytes().to_vec()
        } else {
            let pixel_type = if alpha {
                fast_image_resize::PixelType::U8x4
            } else {
                fast_image_resize::PixelType::U8x3
            };
            let mut dst = fast_image_resize::images::Image::new(w, h, pixel_type);
            let options = fast_image_resize::ResizeOptions::new().resize_alg(
                fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
            );
            let src =
                fast_image_resize::images::ImageRef::new(width, height, img.as_bytes(), pixel_type)
                    .context("cannot resize")?;
            resizer
                .resize(&src, &mut dst, &options)
                .context("cannot resize")?;
            dst.into_vec()
        };
        let webp = encode_webp(&pixels, w, h, alpha)?;
        if format != Format::Webp {
            out.push(Encoded {
                width: w,
                height: h,
                format,
                data: encode_as(&pixels, w, h, alpha, format)?,
            });
        }
        out.push(Encoded {
            width: w,
            height: h,
            format: Format::Webp,
            data: webp,
        });
    }
    Ok(out)
}

/// Lossy WebP through libwebp.
pub fn encode_webp(pixels: &[u8], w: u32, h: u32, alpha: bool) -> Result<Vec<u8>> {
    let encoder = if alpha {
        webp::Encoder::from_rgba(pixels, w, h)
    } else {
        webp::Encoder::from_rgb(pixels, w, h)
    };
    let memory = encoder
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|e| anyhow::anyhow!("cannot encode WebP: {e:?}"))?;
    Ok(memory.to_vec())
}

/// JPEG or PNG with the `image` crate.
pub(super) fn encode_as(
    pixels: &[u8],
    w: u32,
    h: u32,
    alpha: bool,
    format: Format,
) -> Result<Vec<u8>> {
    use image::ImageEncoder as _;
    let color = if alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let mut data = Vec::new();
    match format {
        Format::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut data, JPEG_QUALITY)
            .write_image(pixels, w, h, color)?,
        Format::Png => image::codecs::png::PngEncoder::new_with_quality(
            &mut data,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(pixels, w, h, color)?,
        Format::Webp => return encode_webp(pixels, w, h, alpha),
    }
    Ok(data)
}
