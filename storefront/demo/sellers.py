"""The demo directory: 44 workshops, studios and artisans across every region and cluster."""

from __future__ import annotations

from dataclasses import dataclass

from creative_market.catalog.enums import CreativeCluster, Region, SellerKind

# Region names as people write them: (az, en, ru).
REGION_NAMES: dict[Region, tuple[str, str, str]] = {
    Region.BAKU: ("Bakı", "Baku", "Баку"),
    Region.GUBA: ("Quba", "Guba", "Губа"),
    Region.SUMGAYIT: ("Sumqayıt", "Sumgayit", "Сумгаит"),
    Region.LANKARAN: ("Lənkəran", "Lankaran", "Ленкорань"),
    Region.NAKHCHIVAN: ("Naxçıvan", "Nakhchivan", "Нахчыван"),
    Region.GANJA: ("Gəncə", "Ganja", "Гянджа"),
    Region.MINGACHEVIR: ("Mingəçevir", "Mingachevir", "Мингечевир"),
    Region.SHAKI: ("Şəki", "Shaki", "Шеки"),
    Region.SHAMAKHI: ("Şamaxı", "Shamakhi", "Шемаха"),
    Region.SHUSHA: ("Şuşa", "Shusha", "Шуша"),
    Region.GABALA: ("Qəbələ", "Gabala", "Габала"),
    Region.GAZAKH: ("Qazax", "Gazakh", "Газах"),
    Region.OTHER: ("Zaqatala", "Zagatala", "Закатала"),
}

# What each cluster does, to finish a biography: (az, en, ru).
CLUSTER_CRAFT: dict[CreativeCluster, tuple[str, str, str]] = {
    CreativeCluster.CARPETS: (
        "əl ilə xalça, kilim və palaz toxuyur",
        "weaves carpets, kilims and palas by hand",
        "вручную ткёт ковры, килимы и паласы",
    ),
    CreativeCluster.DESIGN: (
        "milli naxışlardan ilhamlanan müasir dizayn əşyaları və rəqəmsal fayllar yaradır",
        "makes contemporary design objects and digital files inspired by national ornament",
        "создаёт современные дизайнерские вещи и цифровые файлы по мотивам национального орнамента",
    ),
    CreativeCluster.MUSIC: (
        "muğam, caz-muğam və xalq musiqisi yazır və ifa edir",
        "records and performs mugham, jazz-mugham and folk music",
        "записывает и исполняет мугам, джаз-мугам и народную музыку",
    ),
    CreativeCluster.CINEMA_ANIMATION: (
        "qısametrajlı filmlər və animasiya çəkir",
        "produces short films and animation",
        "снимает короткометражные фильмы и анимацию",
    ),
    CreativeCluster.MEDIA_PHOTOGRAPHY: (
        "Azərbaycanın mənzərələrini və insanlarını fotoya və videoya çəkir",
        "photographs and films the landscapes and people of Azerbaijan",
        "фотографирует и снимает пейзажи и людей Азербайджана",
    ),
    CreativeCluster.FASHION: (
        "kəlağayı və müasir geyimlər tikir",
        "makes kelaghayi silk scarves and contemporary clothing",
        "шьёт келагаи и современную одежду",
    ),
    CreativeCluster.JEWELLERY_CRAFTS: (
        "gümüş zərgərlik, mis və saxsı məmulatları hazırlayır",
        "crafts silver jewellery, copperware and pottery",
        "делает серебряные украшения, медную посуду и керамику",
    ),
    CreativeCluster.GAMES_CULTURE_TECH: (
        "oyunlar üçün 3D modellər, şriftlər və illüstrasiyalar hazırlayır",
        "creates 3D models, typefaces and illustrations for games and apps",
        "делает 3D-модели, шрифты и иллюстрации для игр и приложений",
    ),
}

KIND_WORDS: dict[SellerKind, tuple[str, str, str]] = {
    SellerKind.INDIVIDUAL: ("Usta", "The artisan", "Мастер"),
    SellerKind.STUDIO: ("Studiya", "The studio", "Студия"),
    SellerKind.COMPANY: ("Şirkət", "The company", "Компания"),
}


@dataclass(frozen=True)
class DemoSeller:
    """One entry of the demo directory."""

    name: str
    kind: SellerKind
    cluster: CreativeCluster
    region: Region
    founded: int


_C, _D, _M = CreativeCluster.CARPETS, CreativeCluster.DESIGN, CreativeCluster.MUSIC
_F, _P = CreativeCluster.CINEMA_ANIMATION, CreativeCluster.MEDIA_PHOTOGRAPHY
_W, _J = CreativeCluster.FASHION, CreativeCluster.JEWELLERY_CRAFTS
_G = CreativeCluster.GAMES_CULTURE_TECH
_I, _S, _K = SellerKind.INDIVIDUAL, SellerKind.STUDIO, SellerKind.COMPANY
R = Region

DEMO_SELLERS: tuple[DemoSeller, ...] = (
    DemoSeller("Qımıl Xalça Emalatxanası", _S, _C, R.GUBA, 1998),
    DemoSeller("Şəki İpək Xalçaçıları", _S, _C, R.SHAKI, 2004),
    DemoSeller("Xilə Xalça Evi", _K, _C, R.BAKU, 2011),
    DemoSeller("Gəncə Toxucuları", _S, _C, R.GANJA, 1995),
    DemoSeller("Qazax Kilim Ustaları", _S, _C, R.GAZAKH, 2001),
    DemoSeller("Şuşa Xalça Mirası", _K, _C, R.SHUSHA, 2021),
    DemoSeller("Ordubad Toxuculuq", _S, _C, R.NAKHCHIVAN, 2007),
    DemoSeller("Leyla Məmmədova", _I, _C, R.SHAMAKHI, 2012),
    DemoSeller("Günay Əliyeva", _I, _C, R.GABALA, 2016),
    DemoSeller("Zaqatala Palaz Evi", _S, _C, R.OTHER, 2009),
    DemoSeller("Səbinə Hüseynova", _I, _C, R.LANKARAN, 2014),
    DemoSeller("Buta Dizayn Studiyası", _S, _D, R.BAKU, 2015),
    DemoSeller("Naxış Lab", _S, _D, R.SUMGAYIT, 2019),
    DemoSeller("Kür Dizayn", _K, _D, R.MINGACHEVIR, 2018),
    DemoSeller("Elvin Qasımov", _I, _D, R.GANJA, 2017),
    DemoSeller("Lahıc Mis Ustaları", _S, _J, R.SHAMAKHI, 1990),
    DemoSeller("Şəbəkə Sənətkarları", _S, _J, R.SHAKI, 2003),
    DemoSeller("Gümüş Naxış", _K, _J, R.NAKHCHIVAN, 2010),
    DemoSeller("Aysel Rzayeva", _I, _J, R.LANKARAN, 2020),
    DemoSeller("Saxsı Evi", _S, _J, R.GAZAKH, 2013),
    DemoSeller("Kəlağayı Evi", _K, _W, R.SHAKI, 2006),
    DemoSeller("Nərmin Abbasova Atelyesi", _I, _W, R.BAKU, 2018),
    DemoSeller("Arxalıq Moda", _S, _W, R.GABALA, 2021),
    DemoSeller("Muğam Evi Səsyazma", _S, _M, R.SHUSHA, 2008),
    DemoSeller("Tar və Kamança Trio", _S, _M, R.BAKU, 2012),
    DemoSeller("Rəşad Quliyev", _I, _M, R.SUMGAYIT, 2015),
    DemoSeller("Aşıq Ədalət Dəlidağlı", _I, _M, R.GAZAKH, 1992),
    DemoSeller("Xəzər Elektron", _S, _M, R.BAKU, 2020),
    DemoSeller("Lənkəran Folk Ansamblı", _S, _M, R.LANKARAN, 2005),
    DemoSeller("Caz Muğam Kollektivi", _S, _M, R.GANJA, 2010),
    DemoSeller("Naxçıvan Səsləri", _K, _M, R.NAKHCHIVAN, 2017),
    DemoSeller("Odlar Yurdu Animasiya", _S, _F, R.BAKU, 2014),
    DemoSeller("Cırtdan Studio", _S, _F, R.MINGACHEVIR, 2019),
    DemoSeller("Kamal Nəsirov Filmləri", _I, _F, R.SHAKI, 2011),
    DemoSeller("Qobustan Film", _K, _F, R.SUMGAYIT, 2016),
    DemoSeller("Fərid Hacıyev Foto", _I, _P, R.GUBA, 2013),
    DemoSeller("Xınalıq Media", _S, _P, R.GUBA, 2018),
    DemoSeller("Odlu Kadr", _S, _P, R.BAKU, 2015),
    DemoSeller("Türkan Səfərova", _I, _P, R.GABALA, 2019),
    DemoSeller("Dağ Kadrları", _S, _P, R.OTHER, 2020),
    DemoSeller("Dədə Qorqud Oyunları", _S, _G, R.BAKU, 2017),
    DemoSeller("Piksel Qala", _S, _G, R.GANJA, 2021),
    DemoSeller("Şrift Emalatxanası", _I, _G, R.MINGACHEVIR, 2016),
    DemoSeller("Mingəçevir 3D", _K, _G, R.MINGACHEVIR, 2022),
)


def seller_bios(seller: DemoSeller) -> tuple[str, str, str]:
    """Biography of a demo seller in Azerbaijani, English and Russian."""
    region_az, region_en, region_ru = REGION_NAMES[seller.region]
    craft_az, craft_en, craft_ru = CLUSTER_CRAFT[seller.cluster]
    if seller.kind is SellerKind.INDIVIDUAL:
        who_az, who_en, who_ru = (
            f"{seller.name} {seller.founded}-ci ildən {region_az} şəhərində {craft_az}.",
            f"Since {seller.founded}, {seller.name} {craft_en} in {region_en}.",
            f"С {seller.founded} года {seller.name} {craft_ru} ({region_ru}).",
        )
    else:
        who_az, who_en, who_ru = (
            f"«{seller.name}» {seller.founded}-ci ildən {region_az} bölgəsində {craft_az}.",
            f"Founded in {region_en} in {seller.founded}, {seller.name} {craft_en}.",
            f"«{seller.name}» с {seller.founded} года {craft_ru} ({region_ru}).",
        )
    return (
        who_az + " Hər iş əl ilə, yerli materiallardan hazırlanır.",
        who_en + " Every piece is made by hand from local materials.",
        who_ru + " Каждая работа сделана вручную из местных материалов.",
    )
