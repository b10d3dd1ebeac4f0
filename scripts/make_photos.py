#!/usr/bin/env python3
"""Draw the demo site's and the test fixtures' photos (issue 15): procedural scenes made
with Pillow (gradients, shapes, blur and grain), nothing copied. Run from the repository
root: `python3 scripts/make_photos.py`. The scenes are seeded; Pillow's grain is not, so
the bytes (not the pictures) differ between runs."""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1440, 810


def gradient(size, top, bottom):
    """A vertical gradient from colour `top` to `bottom`."""
    w, h = size
    mask = Image.linear_gradient("L").resize((w, h))
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def grain(img, amount=10, seed=1):
    """Film grain and a slight blur, so that the scene compresses like a photo."""
    noise = Image.effect_noise(img.size, amount).convert("RGB")
    img = Image.blend(img, noise, 0.06)
    return img.filter(ImageFilter.GaussianBlur(0.8))


def sun(draw, x, y, r, colour):
    draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def marshes(rng):
    img = gradient((W, H), (120, 170, 215), (235, 215, 180))
    d = ImageDraw.Draw(img)
    sun(d, 1100, 260, 60, (255, 236, 190))
    water = gradient((W, H - 470), (90, 130, 150), (50, 80, 95))
    img.paste(water, (0, 470))
    for _ in range(900):  # reeds
        x = rng.randrange(0, W)
        base = rng.choice([470, 480, 700, 760, 800])
        h = rng.randrange(60, 220)
        d.line((x, base, x + rng.randrange(-12, 12), base - h), fill=(150 + rng.randrange(40), 140, 70), width=3)
    d.polygon([(500, 600), (780, 600), (740, 640), (540, 640)], fill=(70, 45, 30))  # a mashoof boat
    d.line((600, 600, 640, 470), fill=(40, 30, 20), width=5)
    return grain(img)


def geothermal(rng):
    img = gradient((W, H), (150, 190, 225), (225, 230, 235))
    d = ImageDraw.Draw(img)
    d.polygon([(0, 520), (300, 330), (620, 500), (900, 300), (1440, 520), (1440, 810), (0, 810)], fill=(110, 120, 80))
    d.rectangle((0, 600, W, H), fill=(150, 125, 85))
    for x in (380, 700, 1020):  # steam plumes
        for i in range(14):
            r = 30 + i * 9
            d.ellipse((x - r + i * 6, 520 - i * 35 - r, x + r + i * 6, 520 - i * 35 + r), fill=(240, 240, 240))
    img = img.filter(ImageFilter.GaussianBlur(3))
    d = ImageDraw.Draw(img)
    for y in (640, 700):  # pipelines
        d.rectangle((0, y, W, y + 16), fill=(170, 170, 165))
        for x in range(40, W, 160):
            d.rectangle((x, y + 16, x + 10, y + 60), fill=(90, 90, 90))
    d.rectangle((300, 540, 520, 640), fill=(200, 200, 195))
    return grain(img)


def solar(rng):
    img = gradient((W, H), (60, 120, 200), (190, 215, 235))
    d = ImageDraw.Draw(img)
    d.polygon([(0, 430), (400, 360), (800, 420), (1440, 350), (1440, 810), (0, 810)], fill=(160, 110, 80))
    d.rectangle((0, 460, W, H), fill=(205, 160, 115))
    for row in range(7):  # panel rows, nearer rows larger
        y = 480 + row * row * 8 + row * 30
        h = 10 + row * 6
        for x in range(-200, W, 60 + row * 20):
            d.polygon([(x, y + h), (x + 40 + row * 15, y + h), (x + 50 + row * 18, y), (x + 10, y)], fill=(30, 45, 90))
    d.rectangle((1180, 330, 1300, 460), fill=(230, 230, 225))  # battery building
    return grain(img)


def steppe(rng):
    img = gradient((W, H), (170, 185, 200), (240, 242, 245))
    d = ImageDraw.Draw(img)
    d.polygon([(0, 420), (500, 300), (900, 380), (1440, 290), (1440, 810), (0, 810)], fill=(200, 205, 215))
    d.rectangle((0, 470, W, H), fill=(245, 246, 250))
    for x, y, r in ((300, 560, 90), (520, 540, 70)):  # gers
        d.rectangle((x - r, y, x + r, y + r), fill=(235, 230, 220))
        d.polygon([(x - r - 10, y), (x, y - r * 0.6), (x + r + 10, y)], fill=(215, 205, 190))
        d.rectangle((x - 15, y + r * 0.4, x + 15, y + r), fill=(170, 60, 40))
    for _ in range(40):  # livestock
        x, y = rng.randrange(700, 1400), rng.randrange(560, 780)
        d.ellipse((x, y, x + 26, y + 14), fill=(90, 70, 55))
    return grain(img)


def pottery(rng):
    img = gradient((W, H), (120, 70, 45), (60, 35, 25))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 560, W, H), fill=(150, 105, 70))  # the stall's table
    for i, x in enumerate(range(150, W - 100, 210)):
        w = 70 + (i * 37) % 50
        top = 300 + (i * 53) % 120
        colour = [(180, 95, 60), (200, 130, 80), (150, 80, 50), (210, 170, 120)][i % 4]
        d.ellipse((x - w, top + 60, x + w, 580), fill=colour)
        d.rectangle((x - w // 3, top, x + w // 3, top + 90), fill=colour)
        d.line((x - w + 10, top + 200, x + w - 10, top + 200), fill=(90, 50, 30), width=4)
    for x in range(0, W, 90):  # the tent's light
        d.line((x, 0, x + 200, 300), fill=(150, 90, 60), width=2)
    return grain(img)


def save_jpeg(img, path, quality=70):
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
    print(f"{path}: {img.size[0]}x{img.size[1]}, {path.stat().st_size} bytes")


def main():
    rng = random.Random(15)
    demo = {
        "content/middle-east/iraq-marshes.jpg": marshes,
        "content/africa/kenya-geothermal.jpg": geothermal,
        "content/americas/chile-solar.jpg": solar,
        "content/asia/mongolia-steppe.jpg": steppe,
        "content/gulf/muscat-pottery.jpg": pottery,
    }
    for path, draw in demo.items():
        save_jpeg(draw(rng), Path(path), quality=62)
    fixture = Path("tests/fixtures/sites/photos")
    # A 1600 px wide JPEG beside its article, a 1000 px PNG and a 320 px JPEG in static/.
    save_jpeg(marshes(rng).resize((1600, 900)), fixture / "content/gulf/market.jpg", quality=60)
    png = gradient((1000, 562), (60, 120, 200), (190, 215, 235)).quantize(24).convert("RGB")
    d = ImageDraw.Draw(png)
    d.rectangle((0, 330, 1000, 562), fill=(205, 160, 115))
    for x in range(40, 1000, 120):  # harbour cranes
        d.line((x, 330, x, 150), fill=(200, 60, 40), width=8)
        d.line((x, 160, x + 70, 160), fill=(200, 60, 40), width=6)
    png.save(fixture / "static/images/harbour.png", optimize=True)
    print(fixture / "static/images/harbour.png", (fixture / "static/images/harbour.png").stat().st_size)
    save_jpeg(steppe(rng).resize((320, 180)), fixture / "static/images/small.jpg", quality=75)


if __name__ == "__main__":
    main()
