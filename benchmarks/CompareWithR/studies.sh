# Writes one .study per task of compare-with-r.sh into DIR (beside the data, so nothing is read
# outside the study's folder). Each declares the tables it needs, the four arms as groups, and at
# most one analysis; "empty" and "empty_visits" are the baselines subtracted from the others.
# Usage: source studies.sh; write_studies DIR
write_studies() {
  local dir="$1" task body visits
  for task in empty empty_visits load km logrank cox mwu mwu_ci kw mixed study; do
    visits=""
    case "$task" in
      empty|load) body="" ;;
      empty_visits) body=""; visits=yes ;;
      km) body="model kaplan_meier T by group at 10, 20, 30" ;;
      logrank) body="test logrank T by group" ;;
      cox) body="model cox T ~ group + x1 + x2 + x3 reference group = A ties efron zph none" ;;
      mwu) body="compare Y: A vs B using mann_whitney approximate no_conf_int" ;;
      mwu_ci) body="compare Y: A vs B using mann_whitney approximate" ;;
      kw) body="compare Y across groups using kruskal_wallis" ;;
      mixed) body="model mixed Score ~ group * visit + (visit | id)"; visits=yes ;;
      study) body="model kaplan_meier T by group at 10, 20, 30
  test logrank T by group
  model cox T ~ group + x1 + x2 + x3 reference group = A ties efron zph none
  compare Y: A vs B using mann_whitney approximate
  compare Y across groups using kruskal_wallis" ;;
    esac
    {
      echo "study Bench {"
      echo '  table subjects from "subjects.csv" key id {'
      echo '    id: text'
      echo '    arm: category(A, B, C, D)'
      echo '    x1: number'
      echo '    x2: number'
      echo '    x3: number'
      echo '    time: number range 0..'
      echo '    status: bool'
      echo '    y: number'
      echo '  }'
      if [ -n "$visits" ]; then
        echo '  table visits from "visits.csv" of subjects by id {'
        echo '    id: text'
        echo '    visit: number'
        echo '    score: number'
        echo '  }'
        echo '  outcome Score "Score": repeated visits.score over visit'
      fi
      echo '  groups {'
      echo '    A "A": arm == A'
      echo '    B "B": arm == B'
      echo '    C "C": arm == C'
      echo '    D "D": arm == D'
      echo '  }'
      echo '  outcome T "Time to event": time_to_event(time, status)'
      echo '  outcome Y "Y": continuous y'
      [ -n "$body" ] && echo "  $body"
      echo '  report "out" formats json'
      echo "}"
    } > "$dir/$task.study"
  done
}
