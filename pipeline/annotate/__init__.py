"""Output -> what annotators correct.

The offline review page (``review``) and the Label Studio round trip
(``labelstudio_export``, ``labelstudio_import``).
"""
