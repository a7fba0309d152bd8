'use strict';
// testing-library waits 1 s for findBy*/waitFor by default; a Fluent UI pane's first render can take
// longer on a loaded 2-core CI machine. Waits end as soon as their condition holds, so a longer bound
// only changes how long a real failure takes to be reported, never what passes.
if (typeof document !== 'undefined') {
  require('@testing-library/dom').configure({ asyncUtilTimeout: 10000 });
}
