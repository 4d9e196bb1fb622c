"""The library's English texts that the storefront translates, marked here for pybabel.

Three kinds (see `storefront.main.library_messages` for how each is used):

- `KNOWN_MESSAGES`: fixed sentences, looked up word for word;
- `MESSAGE_TEMPLATES`: the templates of `creative_market.messages.Message` objects (a stable
  key each; the values are filled in after translation);
- `FIELD_LABELS`: the names the library's schema fields give themselves, the `%(label)s`
  of their messages ("%(label)s must be a whole number."), each a Message of its own.
"""

from __future__ import annotations


def N_(text: str) -> str:  # the marker pybabel knows
    """Mark `text` for the catalogue without translating it here."""
    return text


KNOWN_MESSAGES = (
    N_("Use at least 10 characters."),
    N_("Mix letters in; a password of digits only is easy to guess."),
    N_("Enter a valid email address."),
    N_("Enter your name."),
    N_("Choose buyer or seller."),
    N_("The email or the password is wrong."),
    N_("This reset link has expired; ask for a new one."),
    N_("This reset link is not valid; ask for a new one."),
    N_("This reset link has already been used; ask for a new one."),
    N_("Missing data for required field."),
    N_("Not a valid email address."),
    N_("Give the price as a number, like 150."),
    N_("The highest price is below the lowest price."),
    N_("Log in to see this page."),
    # WTForms' own messages: its catalogues have no Azerbaijani.
    N_("This field is required."),
    N_("Not a valid choice."),
    # Listings and seller profiles.
    N_("A title in Azerbaijani is required."),
    N_("SKU may hold letters, digits and . _ / - only."),
    N_("Slug may hold only lower-case letters, digits and dashes."),
    N_("Contact phone may hold digits, spaces, + ( ) and -."),
    N_("File formats are required for a digital work (for example WAV, MP3)."),
    N_("ISRC must look like AZ-A1B-24-00001 (12 characters without dashes: country, "
       "registrant, year, number)."),
    N_("Duration is required (seconds or m:ss)."),
    N_("Price is required (the minimum, for pay-what-you-want)."),
    N_("Price is required for a physical item."),
    N_("Price is set on the licence offers of a digital work; leave it empty."),
    N_("Stock quantity is required for a physical item."),
    N_("Stock quantity is only for physical items."),
    N_("Weight in grams is required to ship the item."),
    N_("Weight in grams is only for physical items."),
    N_("Knot density per dm² is required for a knotted pile carpet."),
    N_("Pile material is required for a knotted pile carpet."),
    N_("A photo has no duration; leave it empty."),
    # Cart and checkout.
    N_("A licence needs the licensee's name."),
    N_("Give a country's two-letter ISO code, e.g. AZ, TR or DE."),
    N_("Give a valid email address."),
    N_("Give either a product or a licence offer."),
    N_("Amount must be a number such as 25.00."),
    N_("Amount must be more than zero."),
    N_("Quantity must be 1 to 1000."),
    N_("A licence line is for one licence."),
    N_("An order has 1 to 100 lines."),
    # Agency forms.
    N_("Give a period (from and to) or choose a programme."),
    N_("Give the date as YYYY-MM-DD."),
    N_("Give a date between 1900-01-01 and 2199-12-31."),
    N_("Must be more than zero."),
    N_("The period ends before it starts."),
    N_("Choose a programme from the list."),
    N_("There is no programme with this number."),
    N_("A shipment for export goes to a country other than Azerbaijan."),
    N_("The date of issue cannot be in the future."),
    N_("At least one."),
    # marshmallow's own fixed messages.
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Not a valid date."),
    N_("Not a valid string."),
    N_("Field may not be null."),
    N_("Unknown field."),
)

MESSAGE_TEMPLATES = (
    N_("Some items of this order no longer exist; refresh your cart."),
    N_("'%(title)s' is no longer available in the quantity asked (%(quantity)s); someone else "
       "bought or reserved it."),
    N_("The licence for '%(title)s' is no longer available; it has been sold or reserved."),
    N_("There is no order %(order)s."),
    N_("There is no seller '%(seller)s'."),
    N_("Order %(order)s has no paid physical lines of %(seller)s to ship."),
    N_("Order %(order)s already has shipment %(number)s for %(seller)s."),
    N_("Final documents need: %(missing)s"),
    N_("At least one customs item."),
    N_("At least one package with dimensions and weights."),
    N_("The package of each item: %(items)s."),
    N_("Net weights that agree: the items weigh %(items)s kg net, the packages %(packages)s kg."),
    N_("carpet"),
    N_("work of art"),
    N_("Year made of the %(what)s '%(item)s': needed to decide whether a Ministry of Culture "
       "export certificate is required (required before %(year)s)."),
    N_("Ministry of Culture export certificate (number and date) for the %(what)s "
       "'%(item)s', made in %(made)s (before %(year)s)."),
    N_("'%(code)s' is not an HS code: give 2, 4 or 6 digits, e.g. 5701.10."),
    N_("%(code)s is not in the HS 2022 nomenclature."),
    N_("%(code)s is a chapter; customs documents need a 6-digit subheading."),
    N_("%(code)s is a heading; customs documents need a 6-digit subheading."),
    N_("No licence has the number %(number)s; check it."),
    # Pricing a cart and placing an order (creative_market.orders.pricing, shipping, carts).
    N_("Sold out: someone else bought the last one."),
    N_("This work is no longer for sale."),
    N_("Only %(count)s left; lower the quantity."),
    N_("This licence is no longer offered."),
    N_("This licence has been sold to someone else."),
    N_("Pay at least %(price)s %(currency)s for this licence."),
    N_("It is priced in %(currency)s; an order is in one currency, so buy it in a separate "
       "order in %(currency)s."),
    N_("'%(title)s': %(reason)s"),
    N_("%(seller)s does not ship to this destination (%(zone)s zone)."),
    N_("domestic"),
    N_("cis"),
    N_("world"),
    N_("%(seller)s charges shipping in %(currency)s; place this order in that currency."),
    N_("An unreadable cart line was removed."),
    N_("A cart line with an invalid offer id was removed."),
    N_("A cart line with an invalid product id was removed."),
    N_("A cart line with an invalid quantity (1 to %(maximum)s) was removed."),
    N_("A cart line with an invalid amount was removed."),
    # The schemas' rules (creative_market.*.schemas) and marshmallow's validators with a value
    # (creative_market.validators).
    N_("Not ISO country codes: %(codes)s."),
    N_("Give a rate for one of %(codes)s."),
    N_("Use one of %(codes)s."),
    N_("'%(code)s' is not an ISO country code such as DE or RU."),
    N_("Length must be between %(minimum)s and %(maximum)s."),
    N_("Shorter than minimum length %(minimum)s."),
    N_("Longer than maximum length %(maximum)s."),
    N_("Must be greater than or equal to %(minimum)s."),
    N_("Must be less than or equal to %(maximum)s."),
    N_("Length must be %(equal)s."),
    N_("Must be greater than or equal to %(minimum)s and less than or equal to %(maximum)s."),
    N_("Must be one of: %(choices)s."),
    N_("Choose one of %(choices)s."),
    N_("Choose one of the languages %(choices)s."),
    N_("'%(value)s' is not an Incoterms 2020 rule; use one of %(rules)s."),
    N_("A flat-woven carpet (%(technique)s) has no knot density; leave it empty."),
    N_("A flat-woven carpet (%(technique)s) has no pile; leave pile material empty."),
    N_("Duration is required for a %(media_type)s (seconds or m:ss)."),
    # The labelled fields (creative_market.catalog.fields); %(label)s is one of FIELD_LABELS.
    N_("%(label)s is required."),
    N_("%(label)s must be a whole number."),
    N_("%(label)s must be more than 0."),
    N_("%(label)s must be at least %(minimum)s."),
    N_("%(label)s must be at most %(maximum)s."),
    N_("%(label)s must be between %(minimum)s and %(maximum)s."),
    N_("%(label)s must be seconds or minutes:seconds, like 4:05."),
    N_("%(label)s must be a number, like 120.50."),
    N_("%(label)s must be a number such as 12.50."),
    N_("%(label)s is too large."),
    N_("%(label)s can have at most %(places)s decimal places."),
    N_("%(label)s must be one of: %(choices)s."),
    N_("%(label)s must be yes or no."),
    N_("%(label)s is too long: at most %(maximum)s characters."),
    N_("%(label)s is at most %(maximum)s characters."),
    N_("%(label)s is not in the expected form."),
    N_("%(label)s does not look like an e-mail address (name@example.az)."),
    N_("%(label)s must be a web address starting with https://."),
    N_("%(label)s must be a 6-digit HS subheading, like 5701.10."),
    N_("%(label)s: at most %(maximum)s items."),
    N_("%(label)s: '%(item)s…' is too long (at most %(maximum)s)."),
    N_("%(label)s must be a list or text separated by commas."),
)

# The names the library's fields give themselves; what %(label)s above stands for.
FIELD_LABELS = (
    N_("Address"), N_("Attribution required"), N_("Biography in Azerbaijani"),
    N_("Biography in English"), N_("Biography in Russian"), N_("CIS shipping rate"), N_("Carrier"),
    N_("Category"), N_("Certificate number"), N_("City"), N_("Consignee"), N_("Contact e-mail"),
    N_("Contact phone"), N_("Country"), N_("Creative cluster"), N_("Currency"), N_("Date"),
    N_("Date of issue"), N_("Depth in cm"), N_("Description"), N_("Description in Azerbaijani"),
    N_("Description in English"), N_("Description in Russian"), N_("Destination country"),
    N_("Display name"), N_("Domestic shipping rate"), N_("Duration"), N_("Email"), N_("End"),
    N_("File formats"), N_("File size in bytes"), N_("Freight cost"), N_("Genre"),
    N_("Gross weight"), N_("HS code"), N_("Height"), N_("Height in cm"), N_("ISRC"),
    N_("Incoterm"), N_("Insurance cost"), N_("Kind of seller"), N_("Kind of work"),
    N_("Knot density per dm²"), N_("Length"), N_("Length in cm"), N_("Licence tier"), N_("Lines"),
    N_("Materials"), N_("Media"), N_("Media type"), N_("Merchandise allowed"), N_("Name"),
    N_("Named place"), N_("Net weight"), N_("Order reference"), N_("Pay what you want"),
    N_("Pile material"), N_("Price"), N_("Processing days"), N_("Quantity"), N_("Rate"),
    N_("Recipient"), N_("Region"), N_("Resale allowed"), N_("Resolution height in pixels"),
    N_("Resolution width in pixels"), N_("SKU"), N_("Seats"), N_("Seller"),
    N_("Shipping currency"), N_("Slug"), N_("Start"), N_("Stock quantity"),
    N_("Tags in Azerbaijani"), N_("Tags in English"), N_("Tags in Russian"), N_("Technique"),
    N_("Tempo (BPM)"), N_("Term in months"), N_("Territory"), N_("Title in Azerbaijani"),
    N_("Title in English"), N_("Title in Russian"), N_("Tracking number"), N_("Unit value"),
    N_("Usage cap"), N_("Usage cap unit"), N_("Warp material"), N_("Weaving school"),
    N_("Website"), N_("Weft material"), N_("Weight in grams"), N_("Width"), N_("Width in cm"),
    N_("Worldwide shipping rate"), N_("Year made"), N_("Your name"),
)
