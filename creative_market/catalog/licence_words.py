"""Sentence templates that put licence terms into words in az, en and ru (no Flask needed)."""

from __future__ import annotations

from typing import Any

_EN: dict[str, Any] = {
    "tier": {
        "personal": "Personal, non-commercial use",
        "standard_commercial": "Standard commercial use",
        "extended_commercial": "Extended commercial use",
        "exclusive": "Exclusive rights: the work is licensed to no one else",
        "sync_broadcast": "Synchronisation and broadcast use",
    },
    "media": {},
    "units": {},
    "media_line": "Media: {media}.",
    "worldwide": "Territory: worldwide.",
    "territory": "Territory: {names}.",
    "perpetual": "Term: perpetual.",
    "months": "Term: {n} months.",
    "cap": "Usage limited to {n} {unit}.",
    "no_cap": "No usage cap.",
    "seats": "Seats: {n}.",
    "attribution": ("Attribution required.", "No attribution required."),
    "merchandise": ("Merchandise allowed.", "No merchandise."),
    "resale": ("Resale allowed.", "No resale."),
    "thousands": ",",
}

_AZ: dict[str, Any] = {
    "tier": {
        "personal": "Şəxsi, qeyri-kommersiya istifadəsi",
        "standard_commercial": "Standart kommersiya istifadəsi",
        "extended_commercial": "Genişləndirilmiş kommersiya istifadəsi",
        "exclusive": "Müstəsna hüquqlar: əsər başqa heç kimə lisenziyalaşdırılmır",
        "sync_broadcast": "Sinxronizasiya və yayım üçün istifadə",
    },
    "media": {
        "web": "veb", "social": "sosial şəbəkələr", "print": "çap", "broadcast": "yayım",
        "film": "film", "advertising": "reklam", "games": "oyunlar",
        "merchandise": "brend məhsulları", "events": "tədbirlər", "streaming": "onlayn yayım",
    },
    "units": {
        "copies": "nüsxə", "views": "baxış", "print_run": "çap nüsxəsi", "streams": "dinləmə",
    },
    "media_line": "Media: {media}.",
    "worldwide": "Ərazi: bütün dünya.",
    "territory": "Ərazi: {names}.",
    "perpetual": "Müddət: müddətsiz.",
    "months": "Müddət: {n} ay.",
    "cap": "İstifadə {n} {unit} ilə məhdudlaşır.",
    "no_cap": "İstifadə həddi yoxdur.",
    "seats": "İstifadəçi yerləri: {n}.",
    "attribution": ("Müəllifin göstərilməsi tələb olunur.",
                    "Müəllifin göstərilməsi tələb olunmur."),
    "merchandise": ("Brend məhsullarında istifadəyə icazə verilir.",
                    "Brend məhsullarında istifadəyə icazə verilmir."),
    "resale": ("Yenidən satışa icazə verilir.", "Yenidən satış qadağandır."),
    "thousands": ".",
}

_RU: dict[str, Any] = {
    "tier": {
        "personal": "Личное некоммерческое использование",
        "standard_commercial": "Стандартное коммерческое использование",
        "extended_commercial": "Расширенное коммерческое использование",
        "exclusive": "Исключительные права: произведение не лицензируется никому другому",
        "sync_broadcast": "Синхронизация и вещание",
    },
    "media": {
        "web": "веб", "social": "социальные сети", "print": "печать", "broadcast": "вещание",
        "film": "кино", "advertising": "реклама", "games": "игры", "merchandise": "мерч",
        "events": "мероприятия", "streaming": "стриминг",
    },
    "units": {
        "copies": "экз.", "views": "просмотров", "print_run": "экз. тиража",
        "streams": "прослушиваний",
    },
    "media_line": "Носители: {media}.",
    "worldwide": "Территория: весь мир.",
    "territory": "Территория: {names}.",
    "perpetual": "Срок: бессрочно.",
    "months": "Срок: {n} мес.",
    "cap": "Использование ограничено: {n} {unit}.",
    "no_cap": "Без ограничения объёма использования.",
    "seats": "Число пользователей: {n}.",
    "attribution": ("Указание автора обязательно.", "Указание автора не требуется."),
    "merchandise": ("Мерч разрешён.", "Мерч не разрешён."),
    "resale": ("Перепродажа разрешена.", "Перепродажа запрещена."),
    "thousands": "\u00a0",
}

WORDS: dict[str, dict[str, Any]] = {"en": _EN, "az": _AZ, "ru": _RU}


def words_for(language: str | None) -> dict[str, Any]:
    """The sentence templates of a language ('ru_RU' counts as 'ru'); English when unknown."""
    base = (language or "en").replace("-", "_").split("_")[0].lower()
    return WORDS.get(base, _EN)


def group_thousands(number: int, separator: str) -> str:
    """A whole number with its thousands grouped by `separator` (10000 -> '10.000' in az)."""
    return f"{number:,}".replace(",", separator)
