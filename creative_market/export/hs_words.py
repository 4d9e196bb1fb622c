"""HS chapter descriptions in Azerbaijani and Russian for the chapters creative goods fall in.

The nomenclature file (`creative_market/data/hs`) is English only. Reports by HS chapter
name their rows with these shortened descriptions; a chapter not listed here keeps the
English description. Customs documents always use the English nomenclature.
"""

from __future__ import annotations

from creative_market.export import hs

CHAPTERS: dict[str, dict[str, str]] = {
    "az": {
        "37": "Foto və kino məhsulları",
        "42": "Dəri məmulatları; yol ləvazimatı, əl çantaları",
        "44": "Ağac və ağac məmulatları",
        "46": "Hörmə məmulatları; səbətlər",
        "49": "Kitablar, qəzetlər, şəkillər və digər çap məhsulları",
        "57": "Xalçalar və digər toxuculuq döşəmə örtükləri",
        "58": "Xüsusi parçalar; krujeva, qobelenlər, tikmələr",
        "61": "Trikotaj geyim və geyim aksesuarları",
        "62": "Geyim və geyim aksesuarları (trikotajdan başqa)",
        "63": "Hazır toxuculuq məmulatları",
        "69": "Keramika məmulatları",
        "70": "Şüşə və şüşə məmulatları",
        "71": "Mirvari, qiymətli daşlar və metallar; zərgərlik məmulatları",
        "74": "Mis və mis məmulatları",
        "83": "Adi metallardan müxtəlif məmulatlar",
        "85": "Elektrik avadanlığı; səs və görüntü yazan aparatlar",
        "92": "Musiqi alətləri, onların hissələri və ləvazimatı",
        "94": "Mebel; işıqlandırma cihazları",
        "95": "Oyuncaqlar, oyunlar və idman ləvazimatı",
        "96": "Müxtəlif hazır məmulatlar",
        "97": "İncəsənət əsərləri, kolleksiya əşyaları və antikvarlar",
    },
    "ru": {
        "37": "Фото- и кинотовары",
        "42": "Изделия из кожи; дорожные принадлежности, сумки",
        "44": "Древесина и изделия из неё",
        "46": "Плетёные изделия; корзины",
        "49": "Книги, газеты, репродукции и другая печатная продукция",
        "57": "Ковры и прочие текстильные напольные покрытия",
        "58": "Специальные ткани; кружева, гобелены, вышивка",
        "61": "Трикотажные предметы одежды и принадлежности к одежде",
        "62": "Предметы одежды и принадлежности к одежде, кроме трикотажных",
        "63": "Прочие готовые текстильные изделия",
        "69": "Керамические изделия",
        "70": "Стекло и изделия из стекла",
        "71": "Жемчуг, драгоценные камни и металлы; бижутерия",
        "74": "Медь и изделия из неё",
        "83": "Прочие изделия из недрагоценных металлов",
        "85": "Электрооборудование; аппаратура для записи звука и изображения",
        "92": "Музыкальные инструменты, их части и принадлежности",
        "94": "Мебель; светильники",
        "95": "Игрушки, игры и спортивный инвентарь",
        "96": "Разные готовые изделия",
        "97": "Произведения искусства, предметы коллекционирования и антиквариат",
    },
}


def chapter_description(chapter: str, language: str | None) -> str:
    """A two-digit chapter's description in `language` ('az', 'ru'), else the English one."""
    base = (language or "en").replace("-", "_").split("_")[0].lower()
    return CHAPTERS.get(base, {}).get(chapter) or hs.chapter_description(chapter)
