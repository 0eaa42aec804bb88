"""Documents the programs issue: PDFs rendered with Typst, and charts rendered with Vega-Lite."""
