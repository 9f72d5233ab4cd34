"""Gold and predictions -> scores.

Reads gold and prediction JSONL (``gold``), checks gold against its
documents (``validate``), aligns and scores per guideline §6 (``score``),
bootstrap intervals (``intervals``) and error reports (``report``).
"""
