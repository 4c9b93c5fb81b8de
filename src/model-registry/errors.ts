// Registry failures in MLflow's words.
import { TrackingError } from '../lib/errors';

export const modelNotFound = (name: string) =>
  new TrackingError(`Registered Model with name=${name} not found`, 'RESOURCE_DOES_NOT_EXIST');
export const modelExists = (name: string) =>
  new TrackingError(`Registered Model (name=${name}) already exists.`, 'RESOURCE_ALREADY_EXISTS');
export const versionNotFound = (name: string, version: string) =>
  new TrackingError(`Model Version (name=${name}, version=${version}) not found`, 'RESOURCE_DOES_NOT_EXIST');
export const aliasNotFound = (name: string, alias: string) =>
  new TrackingError(`Registered model alias ${alias} not found on model ${name}.`, 'RESOURCE_DOES_NOT_EXIST');
