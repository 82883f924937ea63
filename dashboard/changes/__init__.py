"""变化 What changed: two releases compared, record by record, as a revision note."""
