print("chapter-5: not written yet")
