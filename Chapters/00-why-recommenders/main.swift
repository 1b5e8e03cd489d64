print("chapter-0: not written yet")
