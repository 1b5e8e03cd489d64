print("chapter-4: not written yet")
