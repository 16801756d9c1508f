/** Node-only helpers: files as upload sources, downloads to files with resume, a folder of resume states. */
export { fileSource } from './file-source.js';
export { downloadFile, type DownloadFileOptions } from './download-file.js';
export { fileResumeStore } from './file-resume-store.js';
