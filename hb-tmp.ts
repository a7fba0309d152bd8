import { runHistoryBench } from './bench/history-bench';
console.log(runHistoryBench(process.argv[2] === 'quick' ? { goalRows: 12, surveyRows: 2000, snapshots: 3 } : undefined));
