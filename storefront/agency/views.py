"""Agency pages: programmes, reports (table, charts, CSV/XLSX/JSON), shipments, documents.

Agency accounts (and administrators) only. Each view parses its input with the library's
schemas, calls one library function, and renders or sends a file. CSV downloads start with
a UTF-8 byte-order mark so that Excel shows Azerbaijani and Russian letters.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from creative_market.catalog.models import Seller
from creative_market.db import utcnow
from creative_market.exceptions import (
    DuplicateError,
    ExportDocumentError,
    NotFoundError,
    ShipmentExistsError,
    ValidationError,
)
from creative_market.export import programmes, queries, report_output, reports, schemas, services
from creative_market.export.documents import TradeDocument, render_pdf
from creative_market.export.incoterms import INCOTERMS_2020
from creative_market.export.models import DocumentKind
from creative_market.export.report_dimensions import CLUSTER_LABELS
from creative_market.messages import Message
from storefront.account.decorators import role_required
from storefront.extensions import db
from storefront.main.labels import label, report_row_label
from storefront.main.library_messages import error_text, translate_message, translate_messages
from storefront.main.nav import NavLink
from storefront.main.numbers import number_fields, plain_numbers
from storefront.main.report_notes import usd_note
from storefront.main.templating import current_language

bp = Blueprint("agency", __name__, url_prefix="/agency")


class DatabaseIdConverter(IntegerConverter):
    """`<export_id:name>`: a row id, 1 to 2**31 - 1; other numbers are a 404, not a crash."""

    def __init__(self, url_map: Any) -> None:
        super().__init__(url_map, min=1, max=schemas.MAX_DATABASE_ID)


# Registered before the routes below, which need it to compile.
bp.record_once(lambda state: state.app.url_map.converters.update(export_id=DatabaseIdConverter))

NAV_LINKS = [NavLink("agency.index", _l("Export agency"), slot="user", roles=("agency", "admin"))]
DIMENSIONS = [(d.value, d.value.replace("_", " ")) for d in reports.Dimension]
# The words of schemas.TRANSPORT_MODES (a test keeps the two equal).
TRANSPORT_LABELS = {"post": _l("Post (adds a CN23)"), "courier": _l("Courier"),
                    "air": _l("Air freight"), "road": _l("Road"), "rail": _l("Rail"),
                    "sea": _l("Sea")}
# Werkzeug adds "; charset=utf-8" to text/* mimetypes itself: naming it here doubled it.
DOWNLOADS = {
    "csv": ("text/csv", report_output.to_csv),
    "json": ("application/json", report_output.to_json),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             report_output.to_xlsx),
}


# Excel opens a CSV file as the system's ANSI code page unless it starts with a UTF-8
# byte-order mark; without it "Şəki" reads "ÅžÉ™ki". Other CSV readers skip the mark
# (Python: encoding="utf-8-sig").
CSV_BYTE_ORDER_MARK = "\ufeff"


@bp.before_request
@role_required("agency", "admin")
def _agency_only() -> None:
    """Every page here needs an agency or administrator account."""


def _form() -> dict[str, Any]:
    form = {key: value for key, value in request.form.items() if key != "csrf_token"}
    return plain_numbers(form, number_fields(schemas), current_language())  # 1,7 in az


@bp.get("/")
def index():
    """Programmes, recent shipments, services invoices and exchange rates."""
    return render_template(
        "agency/index.html", programmes=programmes.list_programmes(db.session),
        shipments=queries.recent_shipments(db.session),
        invoices=queries.services_invoices(db.session),
        rates=queries.exchange_rates(db.session))


@bp.route("/programmes/new", methods=["GET", "POST"])
def new_programme():
    """Create a programme: name, period, target markets (comma-separated ISO codes)."""
    errors: dict[str, Any] = {}
    if request.method == "POST":
        data = _form()
        data["target_markets"] = [c.strip() for c in data.get("target_markets", "").split(",")
                                  if c.strip()]
        try:
            programme = programmes.create_programme(db.session, data=data)
        except ValidationError as error:
            db.session.rollback()
            errors = translate_messages(error.messages)
        except DuplicateError as error:  # the name is taken: say so under the name field
            db.session.rollback()
            errors = translate_messages({"name": [error.message]})
        else:
            db.session.commit()
            flash(_("Programme “%(name)s” created.", name=programme.name), "success")
            return redirect(url_for("agency.programme", programme_id=programme.id))
    status = 422 if errors else 200
    return render_template("agency/programme_form.html", errors=errors, values=_form()), status


@bp.get("/programmes/<export_id:programme_id>")
def programme(programme_id: int):
    """A programme: period, markets, enrolled sellers, and its report."""
    chosen = programmes.get_programme(db.session, programme_id=programme_id)
    return render_template("agency/programme.html", programme=chosen, errors={}, values={})


def seller_slug(text: str) -> str:
    """The directory slug from what was typed: a slug, or a pasted …/sellers/<slug> URL."""
    text = text.strip().split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return text.rsplit("/", 1)[-1] if "/" in text else text


@bp.post("/programmes/<export_id:programme_id>/sellers")
def enrol(programme_id: int):
    """Enrol a seller, given by slug or seller-page URL, in the programme."""
    chosen = programmes.get_programme(db.session, programme_id=programme_id)
    typed = request.form.get("seller", "")
    slug = seller_slug(typed)
    seller = db.session.scalar(select(Seller).where(Seller.slug == slug)) if slug else None
    if seller is None:
        errors = {"seller": [_("There is no seller “%(slug)s”; give the slug or the address "
                               "of their page.", slug=slug)]}
        return render_template("agency/programme.html", programme=chosen, errors=errors,
                               values={"seller": typed.strip()}), 422
    if any(e.seller_id == seller.id for e in chosen.enrolments):
        flash(_("%(name)s is already enrolled.", name=seller.display_name), "info")
        return redirect(url_for("agency.programme", programme_id=programme_id))
    programmes.enrol_seller(db.session, programme=chosen, seller=seller)
    db.session.commit()
    flash(_("%(name)s is enrolled.", name=seller.display_name), "success")
    return redirect(url_for("agency.programme", programme_id=programme_id))


def _enrolled_seller(chosen: Any, seller_id: int) -> Seller:
    """The programme's enrolled seller `seller_id`, or a 404 that says so."""
    enrolment = next((e for e in chosen.enrolments if e.seller_id == seller_id), None)
    if enrolment is None:
        raise NotFoundError(_("That seller is not enrolled in this programme."))
    return enrolment.seller


@bp.get("/programmes/<export_id:programme_id>/sellers/<export_id:seller_id>/confirm-withdraw")
def confirm_withdraw(programme_id: int, seller_id: int):
    """Ask before taking a seller out of the programme."""
    chosen = programmes.get_programme(db.session, programme_id=programme_id)
    seller = _enrolled_seller(chosen, seller_id)
    return render_template("agency/withdraw_confirm.html", programme=chosen, seller=seller)


@bp.post("/programmes/<export_id:programme_id>/sellers/<export_id:seller_id>/withdraw")
def withdraw(programme_id: int, seller_id: int):
    """Take a seller out of the programme (after the confirmation page) and say so."""
    chosen = programmes.get_programme(db.session, programme_id=programme_id)
    seller = db.session.get(Seller, seller_id)
    if seller is not None and any(e.seller_id == seller_id for e in chosen.enrolments):
        programmes.withdraw_seller(db.session, programme=chosen, seller=seller)
        db.session.commit()
        flash(_("%(name)s was withdrawn from the programme.", name=seller.display_name),
              "success")
    else:
        flash(_("That seller is not enrolled in this programme."), "info")
    return redirect(url_for("agency.programme", programme_id=programme_id))


REPORT_PARAMETERS = ("by", "from", "to", "programme")
REPORT_YEARS = (date(1900, 1, 1), date(2199, 12, 31))  # those of schemas.ReportQuerySchema


def _report_args() -> dict[str, str]:
    """The report parameters given in the URL; anything else in it is ignored."""
    return {key: value for key, value in request.args.items()
            if value and key in REPORT_PARAMETERS}


def _link_query(values: dict[str, Any]) -> dict[str, Any]:
    """The validated report parameters, for the download and chart links."""
    query = {"by": values["by"], "from": values["starts_on"], "to": values["ends_on"],
             "programme": values["programme"]}
    return {key: str(value) for key, value in query.items() if value is not None}


def _report_query() -> tuple[dict[str, Any], Any]:
    values = schemas.load(schemas.ReportQuerySchema(), _report_args())
    chosen = (programmes.get_programme(db.session, programme_id=values["programme"])
              if values["programme"] is not None else None)
    if chosen is not None:
        _refuse_period_beyond_reports(chosen, values)
    return values, chosen


def _refuse_period_beyond_reports(chosen: Any, values: dict[str, Any]) -> None:
    """A programme stored before its dates were bounded may run past the years reports
    cover (1900-2199): say so on the programme field instead of failing on its dates."""
    period = (values["starts_on"] or chosen.starts_on, values["ends_on"] or chosen.ends_on)
    if all(REPORT_YEARS[0] <= day <= REPORT_YEARS[1] for day in period):
        return
    raise ValidationError({"programme": [Message(
        "Programme '%(name)s' runs from %(start)s to %(end)s, beyond the years reports "
        "cover (1900 to 2199); correct its dates or give a period.",
        name=chosen.name, start=chosen.starts_on.isoformat(), end=chosen.ends_on.isoformat())]})


def _report() -> tuple[reports.Report, dict[str, Any]]:
    values, chosen = _report_query()
    report = reports.exports_report(db.session, dimension=values["by"], programme=chosen,
                                    starts_on=values["starts_on"], ends_on=values["ends_on"])
    return report, values


@bp.get("/reports")
def report():
    """The report table with its charts and download links; a form to change it."""
    query = _report_args()
    page = {"dimensions": DIMENSIONS, "query": query, "link_query": {}, "report": None,
            "errors": {}, "programmes": programmes.list_programmes(db.session)}
    if not query:  # a first visit shows this year so far, by cluster, instead of an empty page
        today = utcnow().date()
        return redirect(url_for("agency.report", by="cluster", to=today.isoformat(),
                                **{"from": today.replace(month=1, day=1).isoformat()}))
    try:
        page["report"], values = _report()
    except ValidationError as error:
        page["errors"] = translate_messages(error.messages)
        return render_template("agency/report.html", **page), 422
    page["link_query"] = _link_query(values)
    return render_template("agency/report.html", **page)


def in_interface_language(report_: reports.Report) -> reports.Report:
    """The report with its rows named in the interface language (for files and charts)."""
    rows = [replace(row, label=report_row_label(row, report_.dimension)) for row in report_.rows]
    return replace(report_, rows=rows)


def sheet_words(report_: reports.Report) -> report_output.SheetWords:
    """The XLSX workbook's title, period line and headings in the interface language."""
    scope = (_("programme %(name)s", name=report_.programme) if report_.programme
             else _("whole marketplace"))
    return report_output.SheetWords(
        title=f'{_("Exports by %(dimension)s", dimension=label(report_.dimension))} — {scope}',
        period=_("%(start)s to %(end)s; previous period %(previous_start)s to %(previous_end)s",
                 start=report_.starts_on, end=report_.ends_on,
                 previous_start=report_.previous_starts_on,
                 previous_end=report_.previous_ends_on),
        headings=(_("Key"), pgettext("report column", "Name"), _("Lines"), _("Units"),
                  _("Value AZN"), _("Value USD"), _("Lines, previous period"),
                  _("Value AZN, previous period"), _("Change %"), _("Target market")),
        total=_("Total"), yes=_("yes"), no=_("no"), usd_note=usd_note(report_),
    )


@bp.get("/reports/exports.<fmt>")
def download_report(fmt: str):
    """The report as CSV (UTF-8 with a byte-order mark, for Excel), XLSX or JSON."""
    if fmt not in DOWNLOADS:
        raise NotFoundError(_("Reports download as csv, xlsx or json."))
    report_, values = _report()
    report_ = in_interface_language(report_)
    mimetype, write = DOWNLOADS[fmt]
    name = f"exports-by-{values['by']}-{report_.starts_on}-{report_.ends_on}.{fmt}"
    body = write(report_, sheet_words(report_)) if fmt == "xlsx" else write(report_)
    if fmt == "csv":
        body = CSV_BYTE_ORDER_MARK + body
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def quiet_chart_logs() -> None:
    """Keep matplotlib's per-chart INFO lines out of the server log; its warnings stay."""
    # Every bar chart of names logs "Using categorical units to plot a list of strings..."
    # at INFO, which the app's INFO root logger would print for each chart served.
    logging.getLogger("matplotlib.category").setLevel(logging.WARNING)


@bp.get("/reports/chart-<kind>.png")
def chart(kind: str):
    """A PNG chart: clusters over time, or the report's values by destination."""
    from creative_market.export import charts

    quiet_chart_logs()
    values, chosen = _report_query()
    start = values["starts_on"] or (chosen.starts_on if chosen else None)
    end = values["ends_on"] or (chosen.ends_on if chosen else None)
    if kind == "clusters":
        series = reports.exports_over_time(db.session, dimension="cluster", starts_on=start,
                                           ends_on=end, programme=chosen)
        names = {english: str(label(key, "CreativeCluster"))
                 for key, english in CLUSTER_LABELS.items()}
        series = {names.get(name, name): values for name, values in series.items()}
        png = charts.chart_over_time(series, _("Exports by creative cluster, AZN"))
    elif kind == "destinations":
        report_ = reports.exports_report(db.session, dimension="destination", programme=chosen,
                                         starts_on=start, ends_on=end)
        png = charts.chart_by_value(in_interface_language(report_),
                                    _("Exports by destination, AZN"))
    else:
        raise NotFoundError(_("Charts: clusters or destinations."))
    return Response(png, mimetype="image/png")


@bp.route("/rates", methods=["GET", "POST"])
def rates():
    """Exchange rates the reports use: list, and add or correct one."""
    errors: dict[str, Any] = {}
    if request.method == "POST":
        try:
            programmes.set_exchange_rate(db.session, data=_form())
        except ValidationError as error:
            db.session.rollback()
            errors = translate_messages(error.messages)
        else:
            db.session.commit()
            flash(_("Exchange rate saved."), "success")
            return redirect(url_for("agency.rates"))
    return render_template("agency/rates.html", rates=queries.exchange_rates(db.session),
                           errors=errors, values=_form()), 422 if errors else 200


def _filled_form() -> dict[str, Any]:
    """The form's non-empty fields: an empty one means "not given", so defaults apply."""
    return {key: value.strip() for key, value in _form().items() if value.strip()}


@bp.route("/shipments/new", methods=["GET", "POST"])
def new_shipment():
    """Open a shipment of one seller's paid physical lines of an order, in the browser."""
    errors: dict[str, Any] = {}
    if request.method == "POST":
        try:
            created = services.shipment_from_order_form(db.session, data=_filled_form())
        except ValidationError as error:
            db.session.rollback()
            errors = translate_messages(error.messages)
        except ShipmentExistsError as error:  # e.g. the form sent twice: show the first one
            db.session.rollback()
            flash(translate_message(error.message), "info")
            return redirect(url_for("agency.shipment", shipment_id=error.shipment_id))
        else:
            db.session.commit()
            flash(_("Shipment #%(number)d opened; add its packages.", number=created.id),
                  "success")
            return redirect(url_for("agency.shipment", shipment_id=created.id))
    values = _form() if request.method == "POST" else request.args.to_dict()
    modes = [(mode, TRANSPORT_LABELS[mode]) for mode in schemas.TRANSPORT_MODES]
    return render_template("agency/shipment_form.html", errors=errors, values=values,
                           incoterms=INCOTERMS_2020, transport_modes=modes), \
        422 if errors else 200


def _shipment_page(shipment_id: int, errors: dict[str, Any] | None = None,
                   values: dict[str, Any] | None = None) -> str:
    chosen = queries.get_shipment(db.session, shipment_id=shipment_id)
    return render_template("agency/shipment.html", shipment=chosen,
                           missing=[translate_message(m) for m in
                                    services.missing_for_documents(chosen)],
                           errors=errors or {}, values=values or {})


@bp.get("/shipments/<export_id:shipment_id>")
def shipment(shipment_id: int):
    """A shipment: items, packages, what is missing, and its documents."""
    return _shipment_page(shipment_id)


def _add_to_shipment(shipment_id: int, add: Any, form: str, done: str) -> Any:
    """Add a package or item from the posted form; on bad input show the page with messages."""
    chosen = queries.get_shipment(db.session, shipment_id=shipment_id)
    try:
        add(db.session, shipment=chosen, data=_filled_form())
    except ValidationError as error:
        db.session.rollback()
        errors = {form: translate_messages(error.messages)}
        return _shipment_page(shipment_id, errors, {form: _form()}), 422
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("agency.shipment", shipment_id=shipment_id))


@bp.post("/shipments/<export_id:shipment_id>/packages")
def add_package(shipment_id: int):
    """Add a parcel (dimensions and weights) to a draft shipment."""
    return _add_to_shipment(shipment_id, services.add_package, "package", _("Package added."))


@bp.post("/shipments/<export_id:shipment_id>/items")
def add_item(shipment_id: int):
    """Add a customs item by hand to a draft shipment."""
    return _add_to_shipment(shipment_id, services.add_customs_item, "item",
                            _("Customs item added."))


@bp.post("/shipments/<export_id:shipment_id>/items/<export_id:item_id>/certificate")
def certificate(shipment_id: int, item_id: int):
    """Record the Ministry of Culture certificate of one item."""
    chosen = queries.get_shipment(db.session, shipment_id=shipment_id)
    item = next((i for i in chosen.items if i.id == item_id), None)
    if item is None:
        raise NotFoundError(_("This shipment has no such item."))
    try:
        services.record_cultural_certificate(db.session, item=item, data=_form())
    except ValidationError as error:  # show the page again, the reasons under the fields
        db.session.rollback()
        errors = {"certificate": {item_id: translate_messages(error.messages)}}
        return _shipment_page(shipment_id, errors, {"certificate": {item_id: _form()}}), 422
    except ExportDocumentError as error:  # documents issued meanwhile (another tab)
        db.session.rollback()
        flash(error_text(error), "error")
        return _shipment_page(shipment_id), 409
    db.session.commit()
    flash(_("Certificate recorded."), "success")
    return redirect(url_for("agency.shipment", shipment_id=shipment_id))


@bp.post("/shipments/<export_id:shipment_id>/documents")
def issue(shipment_id: int):
    """Issue the shipment's final documents (refused with the list of what is missing)."""
    chosen = queries.get_shipment(db.session, shipment_id=shipment_id)
    try:
        services.issue_shipment_documents(db.session, shipment=chosen)
    except ExportDocumentError:  # not ready (e.g. changed in another tab): the page lists why
        db.session.rollback()
        flash(_("The documents were not issued: first record what is listed below."), "error")
        return _shipment_page(shipment_id), 409
    db.session.commit()
    flash(_("Documents issued."), "success")
    return redirect(url_for("agency.shipment", shipment_id=shipment_id))


@bp.get("/documents/<export_id:document_id>.<fmt>")
def document(document_id: int, fmt: str):
    """An issued document as PDF or JSON."""
    issued = queries.get_document(db.session, document_id=document_id)
    data = TradeDocument.from_dict(issued.data)
    if fmt == "pdf":
        body, mimetype = render_pdf(data), "application/pdf"
    elif fmt == "json":
        body, mimetype = data.to_json(), "application/json"
    else:
        raise NotFoundError(_("Documents download as pdf or json."))
    disposition = f'attachment; filename="{issued.reference}.{fmt}"'
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})


def document_label(kind: str) -> str:
    """A document kind as people read it."""
    return DocumentKind(kind).value.replace("_", " ").capitalize()


@bp.app_template_filter("document_label")
def _document_label(kind: str) -> str:
    return document_label(kind)
