// roster.h — a class list for `neurostep worksheet LESSON --roster class.csv`, and the numbers #
// each student gets; also the class-variants.csv that `neurostep grade --variants` reads back.
//
// The roster is CSV with one student a row: name[,id] (an id tells two students of one name
// apart, or keeps a student's numbers when the spelling of the name changes). A first row whose
// first field is "name" (any case) is a header. Blank rows are skipped. A row is refused at its
// line when it has no name, more than two columns, or a name (or id) that an earlier row has.
//
// A student's numbers # is drawn from the id (or, without one, the name as written, spaces at
// either end left out) and the class's seed: FNV-1a (64 bit) of the text, XOR the seed, mixed by
// splitmix64, modulo 999,999,999, plus 1. So a rerun with the same roster and seed gives every
// student the same sheet, and another seed gives the class other numbers.
// Not here: writing the sheets (app/worksheet_command.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace neurostep {

struct Student {
  int line = 0;      // in the roster
  std::string name;  // as written, trimmed
  std::string id;    // empty: none
};

struct RosterProblem {
  int line = 0;
  std::string message;
};

struct Roster {
  std::vector<Student> students;        // in the file's order
  std::vector<RosterProblem> problems;  // every row refused, in order; any one refuses the roster
};

Roster read_roster(std::string_view text);

// The student's numbers # (1 … 999,999,999) in a class drawn with `seed`.
std::uint64_t student_variant(const Student& student, std::uint64_t seed);

// class-variants.csv: "student,variant" and a row per student, in the order given.
std::string class_variants_csv(const std::vector<std::pair<std::string, std::uint64_t>>& variants);

// class-variants.csv read back: the numbers # by student name, or the problems at their lines.
struct ClassVariants {
  std::map<std::string, std::uint64_t> by_student;
  std::vector<RosterProblem> problems;
};
ClassVariants read_class_variants(std::string_view text);

}  // namespace neurostep
