"""资金 Funding: per region, source and year, per linked organization and resident; top recipients; projects."""
