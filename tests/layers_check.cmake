# The architecture's include rules (docs/architecture.md), checked on every source file:
# each folder may include only the layers above it, and only the registry knows the lesson kinds.
# A forward declaration (`class X;`, `struct X;` at the start of a line) counts as an include of the
# header that defines X: declaring a type of a higher floor breaks the rule an include of it would.
# Run by ctest as `layers`; prints every include or declaration that breaks a rule, with its file.
cmake_policy(SET CMP0057 NEW)  # if(… IN_LIST …) in a script run with -P

# Where each type is defined: defined_in_X = the header, as an include names it ("core/tensor.h").
file(GLOB_RECURSE headers ${SOURCE_DIR}/src/*.h)
foreach(header ${headers})
  file(STRINGS ${header} definitions REGEX "^(class|struct) [A-Za-z_][A-Za-z_0-9]*( final)?( :[^;]*)? *[{]")
  file(RELATIVE_PATH included ${SOURCE_DIR}/src ${header})
  foreach(line ${definitions})
    string(REGEX REPLACE "^(class|struct) ([A-Za-z_][A-Za-z_0-9]*).*" "\\2" type "${line}")
    set(defined_in_${type} ${included})
  endforeach()
endforeach()

# The forward-declared types of `file` that are defined in another header: "Type|header" entries in `out`.
function(forward_declarations file out)
  file(STRINGS ${file} declarations REGEX "^(class|struct) [A-Za-z_][A-Za-z_0-9]*;")
  file(RELATIVE_PATH own ${SOURCE_DIR}/src ${file})
  set(found "")
  foreach(line ${declarations})
    string(REGEX REPLACE "^(class|struct) ([A-Za-z_][A-Za-z_0-9]*);.*" "\\2" type "${line}")
    if(DEFINED defined_in_${type} AND NOT defined_in_${type} STREQUAL own)
      list(APPEND found "${type}|${defined_in_${type}}")
    endif()
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()
set(rules
  # folder (its files and subfolders'; "folder/*": its own files only; "folder/name": name.h/.cpp)
  #                   forbidden include (regex)                              why
  "src/core|(figure|lessons|export|gui|app)/|imgui|GLFW|toml|the core knows no lesson, figure or window (its math and its file I/O, io/)"
  "src/core/*|core/io/|fstream|filesystem|cstdio|the core's math does no I/O: files are read and written in src/core/io/"
  "src/figure|(lessons|export|gui|app)/|imgui|GLFW|a figure is data, drawn by any renderer"
  "src/lessons|(export|gui|app)/|imgui|GLFW|lessons run headless"
  "src/lessons/framework|lessons/(engines|training|playground)/|the framework knows no lesson kind"
  "src/lessons/framework/lesson|lessons/framework/lesson_file|toml|every panel includes Lesson: it parses no file"
  "src/lessons/formats|lessons/(engines|training)/|text formats read traces, not engines"
  "src/lessons/training|lessons/engines/|training knows models, not lessons"
  "src/lessons/playground|lessons/(engines|training)/|the playground's state knows the core, not lesson kinds"
  "src/export|(gui|app)/|imgui|GLFW|lessons/framework/lesson_file|toml|export runs headless and parses no lesson file"
  "src/export/figure_files|lessons/|drawing a figure needs no lesson"
  "src/gui|app/|lessons/engines/|lessons/framework/lesson_file|toml|panels never name a lesson kind nor parse lesson files"
  "src/app|lessons/engines/|the app never names a lesson kind"
  "src/app/native|app/web/|the desktop program knows nothing of the web page"
  "src/app/web|app/native/|the web page knows nothing of the desktop program")
set(broken 0)
foreach(rule ${rules})
  string(REPLACE "|" ";" parts "${rule}")
  list(GET parts 0 folder)
  list(LENGTH parts n)
  math(EXPR last "${n} - 1")
  math(EXPR before_last "${n} - 2")
  list(GET parts ${last} why)
  list(SUBLIST parts 1 ${before_last} patterns)
  string(JOIN "|" forbidden ${patterns})
  if(folder MATCHES "/[*]$")
    file(GLOB files ${SOURCE_DIR}/${folder}.h ${SOURCE_DIR}/${folder}.cpp)
  elseif(IS_DIRECTORY ${SOURCE_DIR}/${folder})
    file(GLOB_RECURSE files ${SOURCE_DIR}/${folder}/*.h ${SOURCE_DIR}/${folder}/*.cpp)
  else()
    file(GLOB files ${SOURCE_DIR}/${folder}.h ${SOURCE_DIR}/${folder}.cpp)
  endif()
  if(NOT files)
    message(SEND_ERROR "layers: no files under ${folder} (the rule names a folder that moved?)")
  endif()
  foreach(file ${files})
    file(STRINGS ${file} includes REGEX "^#include")
    foreach(line ${includes})
      if(line MATCHES "#include [<\"](${forbidden})")
        file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
        message("${rel}: ${line} — ${why}")
        math(EXPR broken "${broken} + 1")
      endif()
    endforeach()
    forward_declarations(${file} declared)
    foreach(entry ${declared})
      string(REPLACE "|" ";" entry "${entry}")
      list(GET entry 0 type)
      list(GET entry 1 header)
      if(header MATCHES "^(${forbidden})")
        file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
        message("${rel}: declares ${type} (${header}) — ${why}")
        math(EXPR broken "${broken} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()
# An engine's header is its kind's: only the kind's own files (NAME.cpp, NAME_*.cpp) and the registry
# include it; what two kinds share lives in the framework (or a header no kind is registered by).
file(STRINGS ${SOURCE_DIR}/src/lessons/engines/registry.cpp registered REGEX "^#include \"lessons/engines/[a-z_]+[.]h\"")
set(kinds "")
foreach(line ${registered})
  string(REGEX REPLACE "^#include \"lessons/engines/([a-z_]+)[.]h\".*" "\\1" kind "${line}")
  list(APPEND kinds ${kind})
endforeach()
if(NOT kinds)
  message(SEND_ERROR "layers: registry.cpp includes no engine header (moved?)")
endif()
file(GLOB engine_files ${SOURCE_DIR}/src/lessons/engines/*.h ${SOURCE_DIR}/src/lessons/engines/*.cpp)
foreach(file ${engine_files})
  get_filename_component(own ${file} NAME_WE)
  if(own STREQUAL "registry")
    continue()
  endif()
  file(STRINGS ${file} includes REGEX "^#include \"lessons/engines/")
  forward_declarations(${file} declared)
  foreach(entry ${declared})  # a type declared ahead counts as its header included
    string(REGEX REPLACE "^([^|]*)[|](.*)$" "#include \"\\2\" (declares \\1)" line "${entry}")
    list(APPEND includes "${line}")
  endforeach()
  foreach(line ${includes})
    string(REGEX REPLACE "^#include \"lessons/engines/([a-z_]+)[.]h\".*" "\\1" included "${line}")
    if(included IN_LIST kinds AND NOT own STREQUAL included AND NOT own MATCHES "^${included}_")
      file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
      message("${rel}: ${line} — an engine includes (or declares a type of) another kind's engine; what they share belongs in the framework")
      math(EXPR broken "${broken} + 1")
    endif()
  endforeach()
endforeach()

if(broken GREATER 0)
  message(FATAL_ERROR "layers: ${broken} include(s) or declaration(s) break the architecture's rules")
endif()
message("layers: every include keeps the architecture's rules")
