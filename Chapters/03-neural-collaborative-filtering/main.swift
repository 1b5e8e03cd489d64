print("chapter-3: not written yet")
