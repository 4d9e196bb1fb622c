"""Demo design works (objects that ship, files sold by licence) and licence offer sets."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from creative_market.catalog.enums import DesignCategory
from creative_market.catalog.licensing import LicenceTier

T3 = tuple[str, str, str]

# (name az/en/ru, category, materials, price range in AZN or None for digital, formats)
DESIGN_ITEMS: list[tuple[T3, DesignCategory, list[str], tuple[int, int] | None, list[str]]] = [
    (("Şəki kəlağayısı «Heyratı»", "Shaki kelaghayi scarf “Heyraty”",
      "Шекинский келагаи «Гейраты»"),
     DesignCategory.FASHION, ["silk"], (90, 260), []),
    (("İpək kəlağayı «Buta»", "Silk kelaghayi “Buta”", "Шёлковый келагаи «Бута»"),
     DesignCategory.FASHION, ["silk"], (80, 220), []),
    (("Məxmər arxalıq", "Velvet arkhalig jacket", "Бархатный архалук"),
     DesignCategory.FASHION, ["velvet", "silk thread"], (240, 680), []),
    (("Gümüş qolbaq «Buta»", "Silver bracelet “Buta”", "Серебряный браслет «Бута»"),
     DesignCategory.JEWELLERY, ["silver"], (120, 450), []),
    (("Minalı gümüş üzük", "Enamelled silver ring", "Серебряное кольцо с эмалью"),
     DesignCategory.JEWELLERY, ["silver", "enamel"], (70, 260), []),
    (("Lahıc mis sinisi", "Lahij copper tray", "Лагичский медный поднос"),
     DesignCategory.HOMEWARE, ["copper"], (110, 390), []),
    (("Mis güyüm", "Copper ewer (guyum)", "Медный кувшин (гюйюм)"),
     DesignCategory.HOMEWARE, ["copper"], (150, 520), []),
    (("Şəki şəbəkə paneli", "Shaki shabaka stained-glass panel", "Шекинская шебеке-панель"),
     DesignCategory.HOMEWARE, ["walnut", "coloured glass"], (300, 1800), []),
    (("Qoz ağacından nərd taxtası", "Walnut backgammon board", "Нарды из ореха"),
     DesignCategory.HOMEWARE, ["walnut", "mother of pearl"], (140, 600), []),
    (("Saxsı küp", "Terracotta jar (kup)", "Глиняный кувшин (кюп)"),
     DesignCategory.CERAMICS, ["clay"], (45, 180), []),
    (("Keramika boşqab «Nar»", "Ceramic plate “Pomegranate”", "Керамическая тарелка «Гранат»"),
     DesignCategory.CERAMICS, ["stoneware", "glaze"], (35, 120), []),
    (("«Şirvan Sans» şrifti", "“Shirvan Sans” typeface", "Шрифт «Ширван Санс»"),
     DesignCategory.FONT, [], None, ["OTF", "TTF", "WOFF2"]),
    (("«Qobustan Display» şrifti", "“Gobustan Display” typeface", "Шрифт «Гобустан Дисплей»"),
     DesignCategory.FONT, [], None, ["OTF", "WOFF2"]),
    (("Buta naxışları vektor dəsti", "Buta ornaments vector set", "Набор векторов «Бута»"),
     DesignCategory.ILLUSTRATION, [], None, ["SVG", "AI", "PNG"]),
    (("Qız qalası illüstrasiyası", "Maiden Tower illustration", "Иллюстрация «Девичья башня»"),
     DesignCategory.ILLUSTRATION, [], None, ["PNG", "PDF"]),
    (("Novruz afişa şablonu", "Novruz poster template", "Шаблон афиши «Новруз»"),
     DesignCategory.TEMPLATE, [], None, ["PSD", "INDD", "PDF"]),
    (("Xalça naxışlı vizit kart şablonu", "Carpet-pattern business card template",
      "Шаблон визиток с ковровым узором"),
     DesignCategory.TEMPLATE, [], None, ["AI", "PDF"]),
    (("Qız qalası 3D modeli", "Maiden Tower 3D model", "3D-модель «Девичья башня»"),
     DesignCategory.MODEL_3D, [], None, ["FBX", "OBJ", "GLB"]),
    (("Tar 3D modeli", "Tar (lute) 3D model", "3D-модель тара"),
     DesignCategory.MODEL_3D, [], None, ["FBX", "GLB"]),
]

EDITIONS: list[T3] = [("", "", ""), ("II", "II", "II"), ("— qırmızı", "— red", "— красный"),
                      ("— mavi", "— blue", "— синий"), ("— qızılı", "— gold", "— золотой"),
                      ("2026", "2026", "2026")]


def design_listing(rng: random.Random, item_index: int, edition: int) -> dict[str, Any]:
    """A design object or digital design file with texts in three languages."""
    names, category, materials, price_range, formats = DESIGN_ITEMS[item_index]
    suffix = EDITIONS[edition % len(EDITIONS)]
    title = {lang: f"{names[i]} {suffix[i]}".strip() for i, lang in enumerate(("az", "en", "ru"))}
    physical = price_range is not None
    listing: dict[str, Any] = {
        "title": title,
        "description": {
            "az": f"{names[0]}: milli naxışların müasir şərhi. "
                  + ("Əl işi, bir neçə nüsxə." if physical else "Rəqəmsal fayllar lisenziya ilə."),
            "en": f"{names[1]}: a contemporary reading of national ornament. "
                  + ("Handmade in a small run." if physical else "Digital files sold by licence."),
            "ru": f"{names[2]}: современное прочтение национального орнамента. "
                  + ("Ручная работа, малый тираж." if physical else "Цифровые файлы по лицензии."),
        },
        "tags": {
            "az": ["dizayn", category.value, "naxış", "buta"],
            "en": ["design", category.value.replace("_", " "), "ornament", "buta"],
            "ru": ["дизайн", "орнамент", "бута"],
        },
        "detail": {"category": category, "materials": materials},
        "file_formats": formats,
    }
    if physical:
        low, high = price_range
        listing["price"] = Decimal(rng.randrange(low, high) // 5 * 5)
        listing["stock_quantity"] = rng.randrange(1, 12)
        listing["weight_grams"] = rng.randrange(80, 4000)
        listing["hs_code"] = {"fashion": "621410", "jewellery": "711311",
                              "ceramics": "691200", "homeware": "741820"}[category.value]
        listing["detail"].update(
            width_cm=Decimal(rng.randrange(8, 120)), height_cm=Decimal(rng.randrange(2, 90)),
            depth_cm=Decimal(rng.randrange(1, 40)),
        )
    else:
        listing["offers"] = design_offers(rng)
    return listing


def _offer(tier: LicenceTier, price: int, **terms: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"tier": tier, "price": Decimal(price), "territory": ["WW"],
                              "seats": 1, "media": []}
    values.update(terms)
    if tier is LicenceTier.EXCLUSIVE:
        values.setdefault("max_sales", 1)
    return values


def design_offers(rng: random.Random) -> list[dict[str, Any]]:
    """Personal, standard and extended offers, sometimes an exclusive one."""
    base = rng.randrange(15, 60)
    offers = [
        _offer(LicenceTier.PERSONAL, base, media=["web", "social"]),
        _offer(LicenceTier.STANDARD_COMMERCIAL, base * 3, media=["web", "social", "print"],
               usage_cap=rng.choice([5000, 10000, 50000]), usage_cap_unit="copies",
               attribution_required=rng.random() < 0.3),
        _offer(LicenceTier.EXTENDED_COMMERCIAL, base * 8,
               media=["web", "social", "print", "advertising", "merchandise"],
               merchandise_allowed=True, seats=rng.choice([1, 5, 10])),
    ]
    if rng.random() < 0.3:
        offers.append(_offer(LicenceTier.EXCLUSIVE, base * 40, media=["web", "print",
                             "advertising", "merchandise"], merchandise_allowed=True))
    return offers


def music_offers(rng: random.Random, pay_what_you_want: bool) -> list[dict[str, Any]]:
    """Personal (maybe pay-what-you-want), standard, sync/broadcast, sometimes exclusive."""
    personal = rng.choice([3, 5, 8]) if not pay_what_you_want else 2
    offers = [
        _offer(LicenceTier.PERSONAL, personal, media=["streaming", "web"],
               pay_what_you_want=pay_what_you_want),
        _offer(LicenceTier.STANDARD_COMMERCIAL, rng.choice([40, 60, 90, 150]),
               media=["web", "social", "events"], usage_cap=rng.choice([10000, 100000]),
               usage_cap_unit="streams", attribution_required=True),
        _offer(LicenceTier.SYNC_BROADCAST, rng.choice([600, 900, 1500, 2500]),
               media=["film", "broadcast", "advertising", "streaming"],
               term_months=rng.choice([12, 24, 60, None]), territory=rng.choice(
                   [["WW"], ["AZ", "GE", "TR"], ["AZ"]])),
    ]
    if rng.random() < 0.25:
        offers.append(_offer(LicenceTier.EXCLUSIVE, rng.choice([3000, 5000, 12000]),
                             media=["film", "broadcast", "advertising", "streaming", "games"]))
    return offers


def media_offers(rng: random.Random, moving_image: bool) -> list[dict[str, Any]]:
    """Photo offers by use; films, animations and videos add sync and broadcast."""
    base = rng.choice([20, 35, 50, 80])
    offers = [
        _offer(LicenceTier.PERSONAL, base, media=["web", "social"]),
        _offer(LicenceTier.STANDARD_COMMERCIAL, base * 4, media=["web", "social", "print"],
               usage_cap=rng.choice([50000, 250000]), usage_cap_unit="views"),
    ]
    if moving_image:
        offers.append(_offer(LicenceTier.SYNC_BROADCAST, base * 30,
                             media=["broadcast", "film", "streaming"], term_months=24))
    else:
        offers.append(_offer(LicenceTier.EXTENDED_COMMERCIAL, base * 10,
                             media=["web", "print", "advertising", "merchandise"],
                             merchandise_allowed=True, usage_cap=100000,
                             usage_cap_unit="print_run"))
    if rng.random() < 0.2:
        offers.append(_offer(LicenceTier.EXCLUSIVE, base * 100, media=["web", "print",
                             "advertising", "broadcast"]))
    return offers
