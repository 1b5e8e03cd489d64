print("chapter-2: not written yet")
