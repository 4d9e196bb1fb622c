"""Export: HS and creative-economy classification, shipments and their trade documents,
export-programme reports for agencies.

Modules (imported on demand, so that `import creative_market.export.hs` stays light):

- `hs`: the HS 2022 nomenclature (lookup, search, validation)
- `classification`: HS suggestion rules, UNCTAD creative goods and services categories
- `incoterms`, `countries`: Incoterms 2020; the CIS free-trade partners (CT-1 form)
- `models`, `schemas`, `services`, `programmes`, `queries`: shipments, documents, programmes
- `documents`: invoice, packing list, origin application, CN23, services invoice (JSON, PDF)
- `reports`, `report_output`, `charts`: SQL reports, CSV/XLSX/JSON, PNG charts
- `cli`: the `creative-market report` and `creative-market shipment` commands
"""
