"""数据质量 Data quality: refresh runs, rows per file, rejections and warnings located to file, line and column."""
