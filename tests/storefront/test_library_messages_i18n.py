"""Messages that come from the library (form fields, services, reports) read in Azerbaijani
and Russian: the translated sentence shows and the English one does not."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from marshmallow import Schema
from marshmallow import ValidationError as SchemaError

from creative_market.accounts import schemas as account_schemas
from creative_market.catalog import schemas as catalog_schemas
from creative_market.catalog.fields import LabelledField
from creative_market.catalog.schemas import CarpetSchema, MediaWorkSchema
from creative_market.export import hs
from creative_market.export import schemas as export_schemas
from creative_market.export.schemas import ProgrammeSchema
from creative_market.messages import Message
from creative_market.orders import schemas as order_schemas
from creative_market.orders.schemas import ShipLinesSchema, ShippingAddressSchema
from creative_market.testing import factories
from storefront.extensions import db
from storefront.main.library_messages import translate_message, translate_messages

ROOT = Path(__file__).resolve().parents[2]
BAD_CARPET = {"title_az": "Xalça", "weaving_school": "guba", "technique": "knotted_pile",
              "pile_material": "wool", "warp_material": "wool", "width_cm": "abc",
              "length_cm": "200", "knot_density_per_dm2": "1600", "price": "1,2,3",
              "stock_quantity": "1", "weight_grams": "9000", "currency": "AZN"}


@pytest.mark.parametrize(("language", "width", "price"), [
    ("az", "“En, sm” tam ədəd olmalıdır.", "“Qiymət” ədəd olmalıdır, məsələn 120.50."),
    ("ru", "«Ширина, см»: укажите целое число.", "«Цена»: укажите число, например 120.50."),
])
def test_listing_form_field_messages(make_client, language, width, price):
    page = make_client("seller").post(f"/seller/listings/new/carpet?lang={language}",
                                      data=BAD_CARPET)
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert width in text and price in text
    assert "must be a whole number" not in text and "must be a number" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("az", "“Veb-sayt” https:// ilə başlayan veb ünvan olmalıdır."),
    ("ru", "«Сайт»: укажите веб-адрес, начинающийся с https://."),
])
def test_seller_profile_messages(make_client, language, expected):
    page = make_client("seller").post(f"/seller/profile?lang={language}",
                                      data={"display_name": "Emalatxana", "website": "nope"})
    text = page.get_data(as_text=True)
    assert expected in text and "must be a web address" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("az", "Bunu “Dərc olunub” vəziyyətindən “Dərc olunub” vəziyyətinə keçirmək olmaz."),
    ("ru", "Нельзя перевести из состояния «Опубликовано» в «Опубликовано»."),
])
def test_a_refused_status_change_is_flashed_in_the_language(app, make_client, language,
                                                            expected):
    client = make_client("seller")
    with app.app_context():
        from creative_market.catalog.models import Seller

        seller = db.session.query(Seller).filter_by(user_id=client.user.id).one()
        listing_id = factories.make_carpet(db.session, seller=seller).id
        db.session.commit()
    page = client.post(f"/seller/listings/{listing_id}/publish?lang={language}",
                       follow_redirects=True)
    text = page.get_data(as_text=True)
    assert expected in text and "cannot go from" not in text


@pytest.mark.parametrize(("language", "order", "seller"), [
    ("az", "CM-0000-000000 sifarişi yoxdur.", "“nobody” satıcısı yoxdur."),
    ("ru", "Заказа CM-0000-000000 нет.", "Продавца «nobody» нет."),
])
def test_agency_shipment_form_messages(agency, language, order, seller):
    page = agency.post(f"/agency/shipments/new?lang={language}",
                       data={"order": "CM-0000-000000", "seller": "nobody"})
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert order in text and seller in text and "There is no" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("az", "“Ad” sahəsini doldurun."), ("ru", "Заполните поле «Имя»."),
])
def test_agency_programme_form_messages(agency, language, expected):
    page = agency.post(f"/agency/programmes/new?lang={language}",
                       data={"name": "", "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    text = page.get_data(as_text=True)
    assert expected in text and "Name is required." not in text


MARCH = {"by": "hs_chapter", "from": "2026-03-01", "to": "2026-03-31"}


@pytest.mark.parametrize(("language", "carpets"), [
    ("az", "57 Xalçalar və digər toxuculuq döşəmə örtükləri"),
    ("ru", "57 Ковры и прочие текстильные напольные покрытия"),
])
def test_hs_chapter_report_rows_and_downloads(sample, agency, language, carpets):
    page = agency.get("/agency/reports", query_string={**MARCH, "lang": language})
    text = page.get_data(as_text=True)
    assert carpets in text and "Carpets and other textile floor coverings" not in text
    csv = agency.get("/agency/reports/exports.csv", query_string=MARCH).get_data(as_text=True)
    assert carpets in csv and "Carpets and other textile" not in csv
    csv_by_cluster = agency.get("/agency/reports/exports.csv",
                                query_string={**MARCH, "by": "cluster"}).get_data(as_text=True)
    assert ",Carpets," not in csv_by_cluster


def test_the_english_report_keeps_the_nomenclature_wording(sample, agency):
    page = agency.get("/agency/reports", query_string={**MARCH, "lang": "en"})
    assert "57 Carpets and other textile floor coverings" in page.get_data(as_text=True)


@pytest.mark.parametrize(("language", "heading", "none"), [
    ("az", "Göndərilmədə ilişib qalan köçürmələr", "Göndərilmədə ilişib qalan köçürmə yoxdur."),
    ("ru", "Переводы, зависшие при отправке", "Зависших при отправке переводов нет."),
])
def test_stuck_payouts_section_of_the_money_page(make_client, language, heading, none):
    text = make_client("admin").get(f"/money/admin?lang={language}").get_data(as_text=True)
    assert heading in text and none in text
    assert "stuck in sending" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("az", "LIC-NOPE nömrəli lisenziya yoxdur; nömrəni yoxlayın."),
    ("ru", "Лицензии с номером LIC-NOPE нет; проверьте номер."),
])
def test_unknown_licence_number(client, language, expected):
    page = client.get(f"/licences/verify?number=lic-nope&lang={language}")
    text = page.get_data(as_text=True)
    assert page.status_code == 404
    assert expected in text and "No licence has the number" not in text


THIS_YEAR = date.today().year


@pytest.mark.parametrize(("language", "schema", "data", "field", "expected"), [
    ("az", CarpetSchema(), {"stock_quantity": "1000000"}, "stock_quantity",
     "“Ehtiyat miqdarı” 0 ilə 100.000 arasında olmalıdır."),
    ("az", CarpetSchema(), {"year_made": "1200"}, "year_made",
     f"“Toxunma ili” 1500 ilə {THIS_YEAR} arasında olmalıdır."),
    ("ru", ShippingAddressSchema(), {}, "line1", "Заполните поле «Адрес»."),
    ("ru", ShipLinesSchema(), {"carrier": ""}, "carrier", "Заполните поле «Перевозчик»."),
    ("az", MediaWorkSchema(), {"media_type": "film"}, "duration_seconds",
     "“Film” üçün müddəti yazın (saniyə və ya d:ss)."),
    ("ru", CarpetSchema(), {"technique": "kilim", "pile_material": "wool"}, "pile_material",
     "У безворсового ковра (Килим) нет ворса; оставьте материал ворса пустым."),
    ("ru", ProgrammeSchema(), {"target_markets": ["QQ"]}, "target_markets",
     "Это не ISO-коды стран: QQ."),
])
def test_schema_messages_in_the_language(app, language, schema, data, field, expected):
    with pytest.raises(SchemaError) as caught:
        schema.load({"title_az": "Xalça", **data})
    with app.test_request_context(f"/?lang={language}"):
        assert translate_messages(caught.value.messages)[field] == [expected]


@pytest.mark.parametrize("language", ["az", "en"])
def test_a_sentence_the_catalogue_does_not_know_stays_english(app, language):
    with app.test_request_context(f"/?lang={language}"):
        assert translate_message("Something new.") == "Something new."


def _message_templates() -> set[str]:
    """Every literal template passed to Message(...) anywhere in the library."""
    templates: set[str] = set()
    for path in (ROOT / "creative_market").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Message"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                templates.add(node.args[0].value)
    return templates | set(hs._PART_OF_NOMENCLATURE.values())  # chosen by the code's level


def _catalogue(language: str):
    with open(ROOT / "storefront" / "translations" / language / "LC_MESSAGES" / "messages.mo",
              "rb") as compiled:
        return read_mo(compiled)


def _untranslated(catalogue, texts) -> list[str]:
    return sorted(t for t in texts if not (catalogue.get(t) and catalogue[t].string))


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_library_message_template_is_translated(language):
    templates = _message_templates()
    assert "There is no order %(order)s." in templates
    assert "%(label)s must be between %(minimum)s and %(maximum)s." in templates
    assert _untranslated(_catalogue(language), templates) == []


def _field_labels() -> set[str]:
    """The label of every field of the library's schemas, as its messages name it."""
    labels: set[str] = set()
    for module in (catalog_schemas, order_schemas, export_schemas, account_schemas):
        schemas = [value for value in vars(module).values()
                   if isinstance(value, type) and issubclass(value, Schema)]
        for schema in schemas:
            for field in schema._declared_fields.values():
                if isinstance(field, LabelledField):
                    labels.add(field.label)
                for messages in field.error_messages.values():
                    for message in messages if isinstance(messages, list) else [messages]:
                        label = getattr(message, "values", {}).get("label")
                        if label is not None:
                            labels.add(label)
    return labels


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_field_label_is_translated(language):
    labels = _field_labels()
    assert {"Width in cm", "Recipient", "Consignee", "Net weight"} <= labels
    assert _untranslated(_catalogue(language), labels) == []


def test_a_message_is_its_english_text():
    message = Message("There is no order %(order)s.", order="CM-1")
    assert message == "There is no order CM-1." and isinstance(message, str)
    assert message.template == "There is no order %(order)s."
    assert message.values == {"order": "CM-1"}
    listed = Message("Final documents need: %(missing)s", missing=[Message("A."), "B."])
    assert listed == "Final documents need: A. B."
