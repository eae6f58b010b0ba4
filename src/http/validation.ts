export { fieldProblems } from '../domain/field-problems';
