"""Demo carpets: compositions of the real weaving schools, sizes, densities and prices."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from creative_market.catalog.enums import CarpetTechnique, Fibre, WeavingSchool

# Compositions of each school as (az, en, ru); the school's name in the three languages first.
SCHOOLS: dict[WeavingSchool, tuple[tuple[str, str, str], list[tuple[str, str, str]]]] = {
    WeavingSchool.GUBA: (
        ("Quba", "Guba", "Губа"),
        [("Qımıl", "Gymyl", "Гымыл"), ("Pirəbədil", "Pirabadil", "Пирабадиль"),
         ("Qollu Çiçi", "Gollu Chichi", "Голлу Чичи"), ("Alpan", "Alpan", "Алпан"),
         ("Qonaqkənd", "Gonagkend", "Конахкенд"), ("Zeyvə", "Zeyva", "Зейва")],
    ),
    WeavingSchool.SHIRVAN: (
        ("Şirvan", "Shirvan", "Ширван"),
        [("Mərəzə", "Maraza", "Мараза"), ("Qobustan", "Gobustan", "Гобустан"),
         ("Çuxanlı", "Chukhanly", "Чуханлы"), ("Bico", "Bijo", "Биджо"),
         ("Şamaxı", "Shamakhi", "Шемаха")],
    ),
    WeavingSchool.BAKU: (
        ("Bakı", "Baku", "Баку"),
        [("Xilə-Əfşan", "Khila-Afshan", "Хила-Афшан"), ("Novxanı", "Novkhany", "Новханы"),
         ("Fındıqan", "Findygan", "Фындыган"), ("Suraxanı", "Surakhany", "Сураханы"),
         ("Qədim Xilə", "Old Khila", "Старая Хила")],
    ),
    WeavingSchool.GANJA: (
        ("Gəncə", "Ganja", "Гянджа"),
        [("Şadlı", "Shadly", "Шадлы"), ("Fəxralı", "Fakhraly", "Фахралы"),
         ("Çaylı", "Chayly", "Чайлы"), ("Qaraqoyunlu", "Garagoyunlu", "Гарагоюнлу")],
    ),
    WeavingSchool.GAZAKH: (
        ("Qazax", "Gazakh", "Газах"),
        [("Borçalı", "Borchaly", "Борчалы"), ("Şıxlı", "Shykhly", "Шыхлы"),
         ("Qaymaqlı", "Gaymagly", "Гаймаглы"), ("Dağ Kəsəmən", "Dagh Kasaman", "Даг Кесаман"),
         ("Ləmbəli", "Lambaly", "Ламбалы")],
    ),
    WeavingSchool.KARABAKH: (
        ("Qarabağ", "Karabakh", "Карабах"),
        [("Çələbi", "Chalabi", "Челеби"), ("Bağçada güllər", "Flowers in the Garden",
         "Цветы в саду"), ("Xanlıq", "Khanlyg", "Ханлыг"), ("Malıbəyli", "Malybayli",
         "Малыбейли"), ("Buynuz", "Buynuz", "Буйнуз"), ("Ləmpə", "Lampa", "Лампа")],
    ),
    WeavingSchool.TABRIZ: (
        ("Təbriz", "Tabriz", "Тебриз"),
        [("Ovçuluq", "Hunting Scene", "Охота"), ("Heratı", "Herati", "Герати"),
         ("Ləçək-Türünc", "Lachak-Turunj", "Лечек-Тюрендж")],
    ),
    WeavingSchool.NAKHCHIVAN: (
        ("Naxçıvan", "Nakhchivan", "Нахчыван"),
        [("Ordubad", "Ordubad", "Ордубад"), ("Naxçıvan Buta", "Nakhchivan Buta",
         "Нахчыванская бута"), ("Culfa", "Julfa", "Джульфа")],
    ),
    WeavingSchool.SHAKI: (
        ("Şəki", "Shaki", "Шеки"),
        [("Şəki Xan sarayı", "Shaki Khan's Palace", "Дворец Шекинских ханов"),
         ("Kiş", "Kish", "Киш"), ("İpək yolu", "Silk Road", "Шёлковый путь")],
    ),
}

# Flat-weave names as people say them: (az, en, ru).
TECHNIQUE_NAMES: dict[CarpetTechnique, tuple[str, str, str]] = {
    CarpetTechnique.KNOTTED_PILE: ("xalça", "carpet", "ковёр"),
    CarpetTechnique.KILIM: ("kilim", "kilim", "килим"),
    CarpetTechnique.PALAS: ("palaz", "palas", "палас"),
    CarpetTechnique.SUMAKH: ("sumax", "sumakh", "сумах"),
    CarpetTechnique.ZILI: ("zili", "zili", "зили"),
    CarpetTechnique.VERNI: ("vərni", "verni", "верни"),
    CarpetTechnique.SHADDA: ("şəddə", "shadda", "шадда"),
}

SIZES_CM = [(60, 90), (80, 120), (100, 150), (120, 180), (140, 200), (150, 230),
            (170, 240), (200, 300), (80, 300), (90, 400), (250, 350)]
SILK_SIZES_CM = SIZES_CM[:6]
# Weight per square metre: a knotted wool pile is heavy, silk lighter, a flat-weave lightest.
GRAMS_PER_M2 = {"wool": 3000, "silk": 2300, "flat": 1300}
FLAT_WEAVES = [CarpetTechnique.KILIM, CarpetTechnique.PALAS, CarpetTechnique.SUMAKH,
               CarpetTechnique.ZILI, CarpetTechnique.VERNI, CarpetTechnique.SHADDA]


def _title(rng: random.Random, school: tuple[str, str, str], design: tuple[str, str, str],
           technique: CarpetTechnique, silk: bool) -> dict[str, str]:
    word_az, word_en, word_ru = TECHNIQUE_NAMES[technique]
    if technique.is_knotted:
        material = ("İpək", "Silk", "Шёлковый") if silk else ("Yun", "Wool", "Шерстяной")
        if rng.random() < 0.5:
            return {"az": f"{material[0]} xalça «{design[0]}», {school[0]}",
                    "en": f"{material[1]} carpet “{design[1]}”, {school[1]}",
                    "ru": f"{material[2]} ковёр «{design[2]}», {school[2]}"}
        return {"az": f"Əl toxuması xalça «{design[0]}» — {school[0]} məktəbi",
                "en": f"Hand-knotted {school[1]} carpet “{design[1]}”",
                "ru": f"Ковёр ручной работы «{design[2]}» — школа {school[2]}"}
    return {"az": f"{school[0]} {word_az} «{design[0]}»",
            "en": f"{school[1]} {word_en} “{design[1]}”",
            "ru": f"{word_ru.capitalize()} «{design[2]}» ({school[2]})"}


def _description(school: tuple[str, str, str], technique: CarpetTechnique, size: tuple[int, int],
                 density: int | None, year: int, silk: bool) -> dict[str, str]:
    width, length = size
    if density:
        extra = (f" Sıxlıq: {density} düyün/dm².", f" Density: {density} knots per dm².",
                 f" Плотность: {density} узлов на дм².")
    else:
        extra = (" Xovsuz, iki üzlü toxuma.", " Pileless flat-weave, reversible.",
                 " Безворсовое двустороннее плетение.")
    fibre = ("ipəkdən", "silk", "шёлка") if silk else ("yundan", "wool", "шерсти")
    return {
        "az": f"{school[0]} toxuculuq məktəbinin ənənəvi kompozisiyası, {year}-ci ildə təbii "
              f"boyalarla boyanmış {fibre[0]} toxunub. Ölçü {width}×{length} sm.{extra[0]} "
              "Hər xalça təkdir; sertifikat və ixrac sənədləri ilə göndərilir.",
        "en": f"A traditional composition of the {school[1]} weaving school, woven in {year} "
              f"from naturally dyed {fibre[1]}. Size {width}×{length} cm.{extra[1]} One of a "
              "kind; ships with a certificate and export papers.",
        "ru": f"Традиционная композиция школы {school[2]}, соткана в {year} году из {fibre[2]} "
              f"натурального крашения. Размер {width}×{length} см.{extra[2]} Единственный "
              "экземпляр; отправляется с сертификатом и экспортными документами.",
    }


def _price(rng: random.Random, area_m2: Decimal, density: int | None, silk: bool) -> Decimal:
    """Knotted carpets cost by area and density; flat-weaves by area alone."""
    if density:
        per_m2 = Decimal(density) * Decimal("0.30") * (Decimal("1.6") if silk else Decimal(1))
    else:
        per_m2 = Decimal(rng.randrange(180, 360))
    price = (area_m2 * per_m2).quantize(Decimal("1"))
    return max(Decimal(90), (price // 10) * 10 + Decimal(rng.choice([0, 0, 9])))


def carpet_listing(rng: random.Random, school: WeavingSchool, index: int) -> dict[str, Any]:
    """A believable carpet of `school`: title, sizes, density, materials and price."""
    school_names, designs = SCHOOLS[school]
    design = designs[index % len(designs)]
    technique = CarpetTechnique.KNOTTED_PILE if rng.random() < 0.7 else rng.choice(FLAT_WEAVES)
    silk = technique.is_knotted and (school is WeavingSchool.SHAKI or rng.random() < 0.12)
    size = rng.choice(SILK_SIZES_CM if silk else SIZES_CM)  # silk pieces are small
    density = None
    if technique.is_knotted:
        density = rng.choice([4900, 6400, 8100]) if silk else rng.choice(
            [900, 1200, 1600, 2000, 2500, 3000, 3600])
    year = rng.randrange(1975, 2026) if rng.random() < 0.25 else rng.randrange(2019, 2026)
    area = Decimal(size[0] * size[1]) / Decimal(10_000)
    title = _title(rng, school_names, design, technique, silk)
    tags_az = ["xalça", school_names[0], TECHNIQUE_NAMES[technique][0], "əl işi"]
    return {
        "title": title,
        "description": _description(school_names, technique, size, density, year, silk),
        "tags": {
            "az": tags_az + (["ipək"] if silk else ["yun"]),
            "en": ["carpet", school_names[1], TECHNIQUE_NAMES[technique][1], "handmade"]
            + (["silk"] if silk else ["wool"]),
            "ru": ["ковёр", school_names[2], TECHNIQUE_NAMES[technique][2], "ручная работа"],
        },
        "price": _price(rng, area, density, silk),
        "stock_quantity": 1 if technique.is_knotted else rng.choice([1, 1, 2, 3]),
        "weight_grams": int(area * GRAMS_PER_M2[
            ("silk" if silk else "wool") if technique.is_knotted else "flat"]),
        "hs_code": "570110" if technique.is_knotted else "570210",
        "detail": {
            "weaving_school": school,
            "technique": technique,
            "pile_material": (Fibre.SILK if silk else Fibre.WOOL) if technique.is_knotted else None,
            "warp_material": Fibre.SILK if silk else rng.choice([Fibre.WOOL, Fibre.COTTON]),
            "weft_material": Fibre.WOOL,
            "width_cm": size[0],
            "length_cm": size[1],
            "knot_density_per_dm2": density,
            "year_made": year,
        },
        "design_index": index,
    }
