"""数据发布 Publish: staff upload the register files, validate, compare with the live release, publish."""
