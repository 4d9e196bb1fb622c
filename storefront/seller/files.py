"""Uploading and removing a listing's pictures, audio previews and work files."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _

from creative_market.catalog.enums import FileRole
from creative_market.exceptions import ValidationError
from storefront.extensions import db, storage
from storefront.seller.access import attach_errors, own_file, own_listing
from storefront.seller.forms import ActionForm, UploadForm
from storefront.seller.uploads import remove_upload_row, store_upload
from storefront.seller.views import bp, render_listing, seller_only


@bp.post("/listings/<int:listing_id>/files")
@seller_only
def upload_file(listing_id: int):
    """Add a file; its type is read from its content and checked against its role."""
    product = own_listing(listing_id)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        try:
            record = store_upload(db.session, storage(), product=product,
                                  role=FileRole(form.role.data), data=data,
                                  filename=upload.filename or "")
        except ValidationError as error:
            db.session.rollback()
            attach_errors(form, error.messages)
        else:
            _commit_or_forget(record.storage_key)
            flash(_("%(name)s uploaded.", name=record.filename), "success")
            return redirect(url_for("seller.listing", listing_id=listing_id))
    return render_listing(product, 422, upload_form=form)


def _commit_or_forget(key: str) -> None:
    """Commit the new row; if that fails, remove the stored bytes too."""
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        storage().delete(key)
        raise


@bp.post("/listings/<int:listing_id>/files/<int:file_id>/delete")
@seller_only
def delete_file(listing_id: int, file_id: int):
    """Remove a file from a listing (its row first, then its bytes after the commit)."""
    product = own_listing(listing_id)
    record = own_file(product, file_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    key = remove_upload_row(db.session, record=record)
    db.session.commit()
    storage().delete(key)
    flash(_("File removed."), "success")
    return redirect(url_for("seller.listing", listing_id=listing_id))
