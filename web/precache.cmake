# Writes SITE/service-worker.js from the TEMPLATE (web/service-worker.js) with the list of every
# file of the site folder and a hash of their names and contents, the version that names the
# service worker's cache. Run after everything else of the build has written into SITE:
#   cmake -DSITE=build-web/site -DTEMPLATE=web/service-worker.js -P web/precache.cmake
# Knows no file by name: whatever the build puts in SITE is cached (but the service worker itself,
# and the IDX files of the optional full MNIST in mnist/, which the page keeps once it has fetched
# them; mnist/index.json, which says whether the site has them, is cached).
cmake_minimum_required(VERSION 3.20)
set(SW service-worker.js)
file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE ${SITE} ${SITE}/*)
list(REMOVE_ITEM files ${SW})
list(FILTER files EXCLUDE REGEX "\\.tmp$")
list(FILTER files EXCLUDE REGEX "^mnist/.*\\.gz$")
list(SORT files)
if(NOT files)
  message(FATAL_ERROR "precache: no files in ${SITE}")
endif()
set(summary "")
set(json "")
foreach(f ${files})
  file(SHA256 ${SITE}/${f} hash)
  string(APPEND summary "${f} ${hash}\n")
  string(APPEND json "\"${f}\", ")
endforeach()
string(SHA256 version "${summary}")
string(SUBSTRING ${version} 0 16 version)
string(REGEX REPLACE ", $" "" json "${json}")

file(READ ${TEMPLATE} text)
set(placeholder "const PRECACHE = null;")
string(FIND "${text}" "${placeholder}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "precache: ${TEMPLATE} has no line '${placeholder}' to fill in")
endif()
list(LENGTH files count)
string(REPLACE "${placeholder}" "const PRECACHE = {version: '${version}', files: [${json}]};" text "${text}")
# written to a temporary file and renamed, as every file the project writes
file(WRITE ${SITE}/${SW}.tmp "${text}")
file(RENAME ${SITE}/${SW}.tmp ${SITE}/${SW})
message(STATUS "precache: ${count} files, cache version ${version}")
