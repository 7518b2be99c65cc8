"""Language data, one package per language: the word lists the engines read, apart from code."""
