import Foundation
import Testing

@testable import RecData

// Small columns whose ids can be worked out by hand.
private let gender = try! CategoricalColumn("gender", vocabulary: ["F", "M"])
private let genres = try! MultiHotColumn("genres", vocabulary: ["Action", "Comedy", "Romance"])
private let ageGroup = try! BucketizedColumn(
  "age_group", field: "age", boundaries: [18, 25, 35, 45, 50, 56])

private func kind(of body: () throws -> Any) -> FeatureError.Kind? {
  do {
    _ = try body()
    return nil
  } catch let error as FeatureError {
    return error.kind
  } catch {
    return nil
  }
}

// MARK: - Hashing

@Test func fnv1aMatchesItsPublishedTestVectors() {
  #expect(FeatureHash.fnv1a("") == 0xCBF2_9CE4_8422_2325)
  #expect(FeatureHash.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
  #expect(FeatureHash.fnv1a("foobar") == 0x8594_4171_F739_67E8)
}

@Test func combineDependsOnOrder() {
  #expect(FeatureHash.combine([1, 2]) != FeatureHash.combine([2, 1]))
  #expect(
    FeatureHash.combine([1, 2])
      == FeatureHash.combine(FeatureHash.combine(FeatureHash.combineSeed, 1), 2))
}

// MARK: - Categorical

@Test func vocabularyColumnGivesPositions() throws {
  #expect(try gender.ids(in: ["gender": .category("F")]) == [0])
  #expect(try gender.ids(in: ["gender": .category("M")]) == [1])
  #expect(gender.size == 2)
  #expect(gender.label(of: 1) == "gender=M")
}

@Test func valueOutsideVocabularyIsAnErrorNamingIt() {
  do {
    _ = try gender.ids(in: ["gender": .category("X")])
    Issue.record("no error")
  } catch let error as FeatureError {
    #expect(error.kind == .invalidValue)
    #expect(error.description.contains("'X'") && error.description.contains("gender"))
  } catch { Issue.record("\(error)") }
}

@Test func hashedColumnIsFnvModuloBuckets() throws {
  let zip = try CategoricalColumn("zip", hashBuckets: 1000)
  #expect(try zip.ids(in: ["zip": .category("55105")]) == [Int(FeatureHash.fnv1a("55105") % 1000)])
  #expect(zip.size == 1000)
  #expect(zip.label(of: 3) == nil)
}

@Test func emptyOrRepeatedVocabularyIsAClearError() {
  #expect(kind { try CategoricalColumn("gender", vocabulary: []) } == .badVocabulary)
  #expect(kind { try CategoricalColumn("gender", vocabulary: ["F", "M", "F"]) } == .badVocabulary)
  #expect(kind { try MultiHotColumn("genres", vocabulary: []) } == .badVocabulary)
  #expect(kind { try CategoricalColumn("zip", hashBuckets: 0) } == .invalidSpecification)
}

@Test func missingFieldAndWrongKindAreErrors() {
  #expect(kind { try gender.ids(in: ["age": .number(3)]) } == .missingField)
  #expect(kind { try gender.ids(in: ["gender": .number(3)]) } == .invalidValue)
  #expect(kind { try ageGroup.ids(in: ["age": .category("old")]) } == .invalidValue)
}

// MARK: - Bucketised

@Test func ageBucketsFollowTheBoundaries() throws {
  let cases: [(Double, Int)] = [
    (7, 0), (17.9, 0), (18, 1), (24, 1), (25, 2), (44, 3), (45, 4), (55, 5), (56, 6), (73, 6),
  ]
  for (age, bucket) in cases {
    #expect(try ageGroup.ids(in: ["age": .number(age)]) == [bucket], "age \(age)")
  }
  #expect(ageGroup.size == 7)
  #expect(ageGroup.label(of: 0) == "age<18")
  #expect(ageGroup.label(of: 1) == "18<=age<25")
  #expect(ageGroup.label(of: 6) == "age>=56")
}

@Test func boundariesMustIncrease() {
  #expect(kind { try BucketizedColumn("a", field: "age", boundaries: []) } == .invalidSpecification)
  #expect(
    kind { try BucketizedColumn("a", field: "age", boundaries: [18, 18]) } == .invalidSpecification)
}

// MARK: - Multi-hot and numeric

@Test func multiHotGivesOneIdPerCategoryAndAZeroOneVector() throws {
  let row: FeatureRow = ["genres": .categories(["Comedy", "Romance"])]
  #expect(try genres.ids(in: row) == [1, 2])
  #expect(try genres.values(in: row) == [0, 1, 1])
  #expect(try genres.ids(in: ["genres": .categories([])]) == [])
}

@Test func numericColumnShiftsScalesAndDefaults() throws {
  let year = NumericColumn("year_scaled", field: "year", shift: 1990, scale: 10, defaultValue: 1990)
  #expect(try year.values(in: ["year": .number(2010)]) == [2])
  #expect(try year.values(in: [:]) == [0])
  #expect(kind { try NumericColumn("age", shift: 0).values(in: [:]) } == .missingField)
}

// MARK: - Crossed

@Test func exactCrossIsMixedRadixOverTheCartesianProduct() throws {
  let cross = try CrossedColumn([gender, genres])
  #expect(cross.name == "gender x genres" && cross.size == 6)
  // F = 0; Comedy = 1, Romance = 2: ids 0 * 3 + 1 and 0 * 3 + 2.
  #expect(
    try cross.ids(in: ["gender": .category("F"), "genres": .categories(["Comedy", "Romance"])]) == [
      1, 2,
    ])
  // M = 1, Action = 0: 1 * 3 + 0.
  #expect(try cross.ids(in: ["gender": .category("M"), "genres": .categories(["Action"])]) == [3])
  #expect(try cross.ids(in: ["gender": .category("M"), "genres": .categories([])]) == [])
  #expect(cross.label(of: 2) == "AND(gender=F, genres=Romance)")
  #expect(cross.label(of: 5) == "AND(gender=M, genres=Romance)")
  #expect(!cross.isSingleValued)
}

@Test func threeWayCrossMatchesTheFormula() throws {
  let cross = try CrossedColumn([gender, ageGroup, genres])
  #expect(cross.size == 2 * 7 * 3)
  let row: FeatureRow = [
    "gender": .category("M"), "age": .number(30), "genres": .categories(["Romance"]),
  ]
  #expect(try cross.ids(in: row) == [(1 * 7 + 2) * 3 + 2])
}

@Test func hashedCrossFoldsLikeCombine() throws {
  let cross = try CrossedColumn([gender, genres], hashBuckets: 97)
  #expect(cross.size == 97)
  let expected = Int(FeatureHash.combine([1, 2]) % 97)
  #expect(
    try cross.ids(in: ["gender": .category("M"), "genres": .categories(["Romance"])]) == [expected])
  #expect(cross.label(of: expected) == nil)
}

@Test func crossOfAColumnWithItselfIsAnError() {
  do {
    _ = try CrossedColumn([genres, genres])
    Issue.record("no error")
  } catch let error as FeatureError {
    #expect(error.kind == .selfCross)
    #expect(error.description.contains("'genres' with itself"))
  } catch { Issue.record("\(error)") }
  #expect(kind { try CrossedColumn([gender]) } == .invalidSpecification)
  #expect(kind { try CrossedColumn([gender, genres], hashBuckets: 0) } == .invalidSpecification)
}

@Test func tooLargeExactCrossMustBeHashed() throws {
  let big = try CategoricalColumn("user", hashBuckets: 5000)
  let other = try CategoricalColumn("item", hashBuckets: 5000)
  #expect(kind { try CrossedColumn([big, other]) } == .invalidSpecification)
  #expect(try CrossedColumn([big, other], hashBuckets: 1 << 18).size == 1 << 18)
}

// MARK: - Specifications

private let set = try! FeatureSet(
  columns: [gender, genres, ageGroup], dense: [genres], fields: ["gender", "genres", "age"])

@Test func specsNameColumnsAndCrosses() throws {
  #expect(try set.column("gender").name == "gender")
  let cross = try set.column("gender x genres")
  #expect(cross.size == 6)
  let hashed = try set.column("gender x genres % 100")
  #expect(hashed.size == 100)
  #expect(
    try set.columns(["gender", "age_group x genres"]).map(\.name) == [
      "gender", "age_group x genres",
    ])
}

@Test func malformedSpecsAreClearErrors() {
  do {
    _ = try set.column("gender x genre")
    Issue.record("no error")
  } catch let error as FeatureError {
    #expect(error.kind == .unknownColumn)
    #expect(error.description.contains("unknown column 'genre'"))
  } catch { Issue.record("\(error)") }
  #expect(kind { try set.column("genres x genres") } == .selfCross)
  #expect(kind { try set.column("gender %") } == .invalidSpecification)
  #expect(kind { try set.column("gender % 10") } == .invalidSpecification)
  #expect(kind { try set.column("gender x ") } == .invalidSpecification)
  #expect(kind { try set.columns(["gender", "gender"]) } == .invalidSpecification)
  #expect(kind { try set.denseColumn("age") } == .unknownColumn)
}

@Test func columnReadingAMissingFieldIsRejected() {
  #expect(kind { try FeatureSet(columns: [gender], fields: ["sex"]) } == .unknownField)
  #expect(
    kind { try FeatureSet(columns: [gender, gender], fields: ["gender"]) } == .invalidSpecification)
}

// MARK: - Encoding

@Test func encoderLaysColumnsSideBySide() throws {
  let cross = try CrossedColumn([gender, genres])
  let encoder = try FeatureEncoder(
    wide: [gender, genres, cross], deep: [gender, ageGroup], dense: [genres])
  #expect(encoder.wideOffsets == [0, 2, 5] && encoder.wideSize == 11)
  let rows: [FeatureRow] = [
    ["gender": .category("F"), "genres": .categories(["Comedy", "Romance"]), "age": .number(30)],
    ["gender": .category("M"), "genres": .categories(["Action"]), "age": .number(12)],
  ]
  let batch = try encoder.encode(rows, labels: [1, 0])
  #expect(batch.wideIDs == [0, 3, 4, 6, 7, 1, 2, 8])
  #expect(batch.wideOffsets == [0, 5, 8])
  #expect(batch.deepIDs == [[0, 1], [2, 0]])
  #expect(batch.dense == [0, 1, 1, 1, 0, 0] && batch.denseWidth == 3)
  #expect(encoder.wideLabel(of: 7) == "AND(gender=F, genres=Romance)")
  #expect(encoder.wideLabel(of: 3) == "genres=Comedy")
  #expect(encoder.wideID(column: "gender x genres", local: 2) == 7)
  let second = batch.rows([1])
  #expect(second.wideIDs == [1, 2, 8] && second.wideOffsets == [0, 3] && second.labels == [0])
  #expect(second.deepIDs == [[1], [0]] && second.dense == [1, 0, 0])
}

@Test func deepColumnsMustBeSingleValued() {
  #expect(kind { try FeatureEncoder(wide: [gender], deep: [genres]) } == .invalidSpecification)
}

@Test func pairEncoderEqualsTheReferenceEncoder() throws {
  let ml = MovieLens.synthetic(size: .small, seed: 5)
  let features = try ml.featureColumns()
  let encoder = try FeatureEncoder(
    wide: features.columns([
      "user", "item", "gender", "occupation", "age_group", "zip", "genres", "gender x genres",
      "occupation x genres", "age_group x genres", "user x item % 4096",
      "gender x age_group x genres",
    ]),
    deep: features.columns(["user", "item", "gender", "occupation", "age_group"]),
    dense: ["genres", "age_scaled", "year_scaled"].map { try features.denseColumn($0) })
  let pairs = try PairFeatureEncoder(encoder, data: ml)
  let sample = Array(ml.ratings.prefix(300))
  let fast = pairs.encode(sample, likeThreshold: 4)
  let reference = try encoder.encode(
    sample.map { ml.featureRow(user: $0.user, item: $0.item) },
    labels: sample.map { $0.rating >= 4 ? 1 : 0 })
  #expect(fast == reference)
}

@Test func pairEncoderRejectsAColumnReadingBothSides() throws {
  let ml = MovieLens.synthetic(size: .small, seed: 5)
  struct Both: FeatureColumn {
    var name = "both"
    var size = 1
    var fields = ["gender", "genres"]
    var isSingleValued = true
    func ids(in row: FeatureRow) throws -> [Int] { [0] }
    func label(of id: Int) -> String? { nil }
  }
  #expect(
    kind { try PairFeatureEncoder(FeatureEncoder(wide: [Both()]), data: ml) }
      == .invalidSpecification)
}

@Test func movieLensRowsCarryDemographicsAndGenres() throws {
  let ml = MovieLens.synthetic(size: .small, seed: 5)
  let row = ml.featureRow(user: 0, item: 0)
  #expect(row["gender"] == .category(ml.users[0].gender.rawValue))
  #expect(row["age"] == .number(Double(ml.users[0].age)))
  #expect(row["genres"] == .categories(ml.items[0].genres.map { ml.genreNames[$0] }))
  let features = try ml.featureColumns()
  #expect(try features.column("gender x genres").size == 2 * ml.genreNames.count)
}
