"""What every page stands on: the selection and its scope door, the query door and its cache, words, number formats, charts' common layout, the bytes of downloads."""
