"""The headings and fixed phrases of a licence certificate in az, en and ru (no Flask needed).

Tier names match the storefront's labels; dates are formatted by Babel for the language.
"""

from __future__ import annotations

from typing import Any

_EN: dict[str, Any] = {
    "title": "Licence certificate",
    "subtitle": "Creative Market · Azerbaijan",
    "number": "Licence number",
    "tier": "Licence tier",
    "licensee": "Licensee",
    "work": "Work",
    "seller": "Licensed by",
    "granted": "Date granted",
    "valid_until": "Valid until",
    "until": "{date}",
    "perpetual": "perpetual",
    "status": "Status",
    "revoked": "revoked on {date}",
    "terms": "Terms",
    "check": "Check that this licence is valid at {url} with the number {number}.",
    "tiers": {
        "personal": "Personal",
        "standard_commercial": "Standard commercial",
        "extended_commercial": "Extended commercial",
        "exclusive": "Exclusive",
        "sync_broadcast": "Sync & broadcast",
    },
}

_AZ: dict[str, Any] = {
    "title": "Lisenziya sertifikatı",
    "subtitle": "Creative Market · Azərbaycan",
    "number": "Lisenziya nömrəsi",
    "tier": "Lisenziya səviyyəsi",
    "licensee": "Lisenziya sahibi",
    "work": "Əsər",
    "seller": "Lisenziyanı verən",
    "granted": "Verilmə tarixi",
    "valid_until": "Qüvvədədir",
    "until": "{date} tarixinədək",
    "perpetual": "müddətsiz",
    "status": "Status",
    "revoked": "{date} tarixində ləğv edilib",
    "terms": "Şərtlər",
    "check": "Bu lisenziyanın etibarlı olduğunu {url} ünvanında {number} nömrəsi ilə "
             "yoxlaya bilərsiniz.",
    "tiers": {
        "personal": "Şəxsi",
        "standard_commercial": "Standart kommersiya",
        "extended_commercial": "Genişləndirilmiş kommersiya",
        "exclusive": "Eksklüziv",
        "sync_broadcast": "Sinxronizasiya və yayım",
    },
}

_RU: dict[str, Any] = {
    "title": "Лицензионный сертификат",
    "subtitle": "Creative Market · Азербайджан",
    "number": "Номер лицензии",
    "tier": "Уровень лицензии",
    "licensee": "Лицензиат",
    "work": "Произведение",
    "seller": "Лицензиар",
    "granted": "Дата выдачи",
    "valid_until": "Срок действия",
    "until": "до {date}",
    "perpetual": "бессрочно",
    "status": "Статус",
    "revoked": "отозвана {date}",
    "terms": "Условия",
    "check": "Действительность лицензии можно проверить по адресу {url}, указав номер "
             "{number}.",
    "tiers": {
        "personal": "Личная",
        "standard_commercial": "Стандартная коммерческая",
        "extended_commercial": "Расширенная коммерческая",
        "exclusive": "Эксклюзивная",
        "sync_broadcast": "Синхронизация и вещание",
    },
}

_WORDS: dict[str, dict[str, Any]] = {"en": _EN, "az": _AZ, "ru": _RU}


def certificate_language(language: str | None) -> str:
    """The certificate's language for `language` ('ru_RU' counts as 'ru'); 'en' when unknown."""
    base = (language or "en").replace("-", "_").split("_")[0].lower()
    return base if base in _WORDS else "en"


def certificate_words(language: str | None) -> dict[str, Any]:
    """The certificate's headings and phrases in `language` (see `certificate_language`)."""
    return _WORDS[certificate_language(language)]
