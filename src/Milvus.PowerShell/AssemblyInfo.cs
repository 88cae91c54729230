// Binary cmdlets of the Milvus module live in Commands/<Area>/, one cmdlet per file.
