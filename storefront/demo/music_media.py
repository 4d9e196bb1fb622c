"""Demo music tracks (mugham, jazz-mugham, ashiq, folk, electronic) and media works."""

from __future__ import annotations

import random
from typing import Any

from creative_market.catalog.enums import MediaType
from storefront.demo.design import media_offers, music_offers

T3 = tuple[str, str, str]

MUSIC: dict[str, list[T3]] = {
    "mugham": [("Rast", "Rast", "Раст"), ("Şur", "Shur", "Шур"), ("Segah", "Segah", "Сегях"),
               ("Çahargah", "Chahargah", "Чахаргях"), ("Bayatı-Şiraz", "Bayati-Shiraz",
               "Баяты-Шираз"), ("Humayun", "Humayun", "Хумаюн"), ("Şüştər", "Shushtar",
               "Шуштер"), ("Mahur-hindi", "Mahur-hindi", "Махур-хинди"),
               ("Zabul-Segah", "Zabul-Segah", "Забул-Сегях")],
    "jazz-mugham": [("Bakı gecələri", "Baku Nights", "Бакинские ночи"),
                    ("Qız qalası", "Maiden Tower", "Девичья башня"),
                    ("Xəzər küləyi", "Caspian Wind", "Каспийский ветер"),
                    ("Bulvarda", "On the Boulevard", "На бульваре"),
                    ("İçərişəhər blüzu", "Old City Blues", "Блюз Ичеришехер")],
    "ashiq": [("Dilqəmi", "Dilgami", "Дильгями"), ("Köhnə Kərəmi", "Old Karami",
              "Старый Кярами"), ("Baş Sarıtel", "Bash Saritel", "Баш Сарытель"),
              ("Yanıq Kərəmi", "Yanyg Karami", "Яныг Кярами"), ("Gözəlləmə", "Gozallama",
              "Гёзяллеме")],
    "folk": [("Sarı gəlin", "Sari Gelin", "Сары гялин"), ("Qara gilə", "Gara Gila",
             "Гара гиля"), ("Ay lacın", "Ay Lachin", "Ай лачин"), ("Vağzalı", "Vaghzali",
             "Вагзалы"), ("Uzundərə", "Uzundara", "Узундере"), ("Tərəkəmə", "Tarakama",
             "Теракеме"), ("Apardı sellər Saranı", "The Floods Took Sara",
             "Унесли потоки Сару")],
    "electronic": [("Xəzər dalğaları", "Caspian Waves", "Каспийские волны"),
                   ("Atəşgah", "Ateshgah", "Атешгях"), ("Yanar Dağ", "Burning Mountain",
                   "Горящая гора"), ("Alov qüllələri", "Flame Towers", "Пламенные башни"),
                   ("Neft Daşları", "Oil Rocks", "Нефтяные Камни")],
}

GENRE_WORDS: dict[str, T3] = {
    "mugham": ("muğamı", "mugham", "мугам"),
    "jazz-mugham": ("caz-muğam", "jazz-mugham", "джаз-мугам"),
    "ashiq": ("aşıq havası", "ashiq melody", "ашугская мелодия"),
    "folk": ("xalq mahnısı", "folk song", "народная песня"),
    "electronic": ("elektron", "electronic", "электроника"),
}

INSTRUMENTS: list[T3] = [("tar", "tar", "тар"), ("kamança", "kamancha", "кяманча"),
                         ("balaban", "balaban", "балабан"), ("saz", "saz", "саз"),
                         ("qaval", "gaval", "гавал"), ("piano", "piano", "фортепиано")]


def music_listing(rng: random.Random, genre: str, index: int) -> dict[str, Any]:
    """A track of `genre` with duration, tempo, ISRC and licence offers."""
    name = MUSIC[genre][index % len(MUSIC[genre])]
    word = GENRE_WORDS[genre]
    instrument = rng.choice(INSTRUMENTS)
    if genre == "mugham":
        title = {"az": f"{name[0]} muğamı — {instrument[0]}",
                 "en": f"Mugham {name[1]} — {instrument[1]}",
                 "ru": f"Мугам «{name[2]}» — {instrument[2]}"}
    else:
        title = {"az": f"{name[0]} ({word[0]}) — {instrument[0]}",
                 "en": f"{name[1]} ({word[1]}) — {instrument[1]}",
                 "ru": f"{name[2]} ({word[2]}) — {instrument[2]}"}
    pwyw = genre in ("folk", "ashiq", "electronic") and rng.random() < 0.5
    return {
        "title": title,
        "description": {
            "az": f"«{name[0]}» — {word[0]}, {instrument[0]} ilə studiyada yazılıb. "
                  "Ön dinləmə qısadır; tam yazı WAV və MP3 formatındadır.",
            "en": f"“{name[1]}” — {word[1]} recorded in the studio with {instrument[1]}. "
                  "The preview is short; the full recording comes as WAV and MP3.",
            "ru": f"«{name[2]}» — {word[2]}, студийная запись, {instrument[2]}. "
                  "Превью короткое; полная запись в WAV и MP3.",
        },
        "tags": {"az": ["musiqi", word[0], instrument[0]],
                 "en": ["music", word[1], instrument[1]],
                 "ru": ["музыка", word[2], instrument[2]]},
        "file_formats": ["WAV", "MP3"],
        "detail": {
            "genre": genre,
            "duration_seconds": rng.randrange(420, 1500) if genre == "mugham"
            else rng.randrange(150, 420),
            "bpm": None if genre == "mugham" else rng.randrange(70, 140),
            "isrc": f"AZA1D{rng.randrange(20, 26)}{rng.randrange(0, 100000):05d}",
        },
        "offers": music_offers(rng, pwyw),
        "audio_seed": rng.randrange(1_000_000),
    }


MEDIA: dict[MediaType, list[T3]] = {
    MediaType.PHOTO: [
        ("Xınalıq kəndi səhər", "Khinalug village at dawn", "Деревня Хыналыг на рассвете"),
        ("Şəki Xan sarayının şəbəkələri", "Shabaka windows of Shaki Khan's Palace",
         "Шебеке дворца Шекинских ханов"),
        ("Qobustan qayaüstü rəsmləri", "Gobustan petroglyphs", "Петроглифы Гобустана"),
        ("Yanar Dağ gecə", "Yanar Dag at night", "Янардаг ночью"),
        ("Alov qüllələri", "Flame Towers", "Пламенные башни"),
        ("Lahıc küçəsi", "A street in Lahij", "Улица в Лагиче"),
        ("Göygöl payızda", "Lake Goygol in autumn", "Озеро Гёйгёль осенью"),
        ("Şahdağ qışda", "Shahdag in winter", "Шахдаг зимой"),
        ("Lənkəran çay plantasiyası", "Lankaran tea plantation", "Чайная плантация Ленкорани"),
        ("Qız qalası duman içində", "Maiden Tower in the fog", "Девичья башня в тумане"),
        ("Naftalan palçıq vannası", "A mud bath in Naftalan", "Грязевая ванна в Нафталане"),
        ("Qəbələ meşəsi", "Gabala forest", "Габалинский лес"),
        ("Mərdəkan bağları", "Mardakan orchards", "Сады Мардакяна"),
        ("Naxçıvan Möminə xatın türbəsi", "Momine Khatun mausoleum, Nakhchivan",
         "Мавзолей Момине-хатун, Нахчыван"),
        ("Şuşa, Cıdır düzü", "Jidir plain, Shusha", "Джыдыр дюзю, Шуша"),
        ("Quba alma bağı", "A Guba apple orchard", "Яблоневый сад в Губе"),
        ("Abşeron sahili gün batımında", "Absheron shore at sunset",
         "Абшеронский берег на закате"),
        ("Xızı qırmızı dağları", "The red mountains of Khizi", "Красные горы Хызы"),
        ("Bakı metrosu, Nizami stansiyası", "Baku metro, Nizami station",
         "Бакинское метро, станция «Низами»"),
    ],
    MediaType.FILM: [
        ("Xalçaçı qadınlar", "The Carpet Weavers", "Ковровщицы"),
        ("Son kəlağayı", "The Last Kelaghayi", "Последний келагаи"),
        ("Muğam ustası", "The Mugham Master", "Мастер мугама"),
        ("Lahıcın misgərləri", "Coppersmiths of Lahij", "Медники Лагича"),
        ("Tarçı", "The Tar Maker", "Тарный мастер"),
        ("Kəlağayı yolu", "The Kelaghayi Road", "Дорога келагаи"),
        ("Şəbəkə", "Shabaka", "Шебеке"),
        ("Köhnə Bakının səsləri", "Sounds of Old Baku", "Звуки старого Баку"),
        ("Xınalıqda qış", "Winter in Khinalug", "Зима в Хыналыге"),
    ],
    MediaType.ANIMATION: [
        ("Cırtdan", "Jirtdan", "Джыртдан"),
        ("Basat və Təpəgöz", "Basat and Tepegoz", "Басат и Тепегёз"),
        ("Nar ağacı", "The Pomegranate Tree", "Гранатовое дерево"),
        ("Buta", "Buta", "Бута"),
        ("Məlikməmməd", "Malikmammad", "Меликмамед"),
        ("Tıq-tıq xanım", "Lady Tiq-Tiq", "Госпожа Тык-тык"),
        ("Şəngülüm, Şüngülüm, Məngülüm", "Shangulum, Shungulum, Mangulum",
         "Шенгюлюм, Шюнгюлюм, Менгюлюм"),
        ("Novruz nağılı", "A Novruz Tale", "Новрузская сказка"),
    ],
    MediaType.VIDEO: [
        ("Bakı bulvarı timelapse", "Baku Boulevard time-lapse", "Бакинский бульвар, таймлапс"),
        ("Qafqaz dağları dron çəkilişi", "Caucasus mountains drone footage",
         "Горы Кавказа с дрона"),
        ("Xəzər sahili 4K", "Caspian shore 4K", "Берег Каспия 4K"),
        ("Novruz tonqalı", "Novruz bonfire", "Костёр Новруза"),
        ("Şəmkir su anbarı dron çəkilişi", "Shamkir reservoir drone footage",
         "Шамкирское водохранилище с дрона"),
        ("Lahıcda mis döyən usta", "A coppersmith at work in Lahij", "Медник за работой в Лагиче"),
        ("Xalça toxunuşu yaxın plan", "Carpet weaving close-up", "Ткачество ковра крупным планом"),
        ("Gecə Bakı, hiperlaps", "Baku at night, hyperlapse", "Ночной Баку, гиперлапс"),
    ],
}

MEDIA_WORDS: dict[MediaType, T3] = {
    MediaType.PHOTO: ("foto", "photo", "фото"),
    MediaType.FILM: ("qısametrajlı film", "short film", "короткометражный фильм"),
    MediaType.ANIMATION: ("animasiya", "animation", "анимация"),
    MediaType.VIDEO: ("video", "stock video", "видео"),
}


# Versions of a work for the same subject, (az, en, ru): the first is the plain title.
MEDIA_VERSIONS: dict[MediaType, list[T3]] = {
    MediaType.PHOTO: [("", "", ""), (" — qara-ağ", " — black and white", " — чёрно-белое"),
                      (" — panorama", " — panorama", " — панорама")],
    MediaType.FILM: [("", "", ""), (" — rejissor versiyası", " — director's cut",
                                    " — режиссёрская версия")],
    MediaType.ANIMATION: [("", "", ""), (" — 2-ci seriya", " — episode 2", " — серия 2"),
                          (" — 3-cü seriya", " — episode 3", " — серия 3")],
    MediaType.VIDEO: [("", "", ""), (" — yavaş çəkiliş", " — slow motion",
                                     " — замедленная съёмка")],
}


def media_listing(rng: random.Random, media_type: MediaType, index: int) -> dict[str, Any]:
    """A photo, film, animation or video with resolution, duration and offers."""
    pool, versions = MEDIA[media_type], MEDIA_VERSIONS[media_type]
    base = MEDIA[media_type][index % len(pool)]
    version = versions[index // len(pool) % len(versions)]
    name = tuple(f"{base[i]}{version[i]}" for i in range(3))
    word = MEDIA_WORDS[media_type]
    moving = media_type.has_duration
    width, height = (6000, 4000) if not moving else rng.choice([(1920, 1080), (3840, 2160)])
    duration = None
    if moving:
        duration = rng.randrange(600, 1800) if media_type is MediaType.FILM else rng.randrange(
            20, 420)
    return {
        "title": {"az": name[0], "en": name[1], "ru": name[2]},
        "description": {
            "az": f"{word[0].capitalize()}: {name[0]}. Lisenziya ilə istifadə üçün.",
            "en": f"{word[1].capitalize()}: {name[1]}. Available under licence.",
            "ru": f"{word[2].capitalize()}: {name[2]}. Доступно по лицензии.",
        },
        "tags": {"az": ["media", word[0], "Azərbaycan"], "en": ["media", word[1], "Azerbaijan"],
                 "ru": ["медиа", word[2], "Азербайджан"]},
        "file_formats": ["JPEG", "TIFF"] if not moving else ["MP4", "MOV"],
        "detail": {"media_type": media_type, "duration_seconds": duration,
                   "resolution_width_px": width, "resolution_height_px": height},
        "offers": media_offers(rng, moving),
    }
