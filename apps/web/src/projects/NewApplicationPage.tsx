export { default } from './ApplicationForm';
