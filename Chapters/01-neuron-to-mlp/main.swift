print("chapter-1: not written yet")
