// Every decision's body, for the controller to name as `dto.<Type>Dto`.
export * from './application-decisions.dto';
export * from './company-decisions.dto';
export * from './decision-base.dto';
export * from './investment-decisions.dto';
export * from './mentor-decisions.dto';
export * from './override-decisions.dto';
export * from './plan-decisions.dto';
