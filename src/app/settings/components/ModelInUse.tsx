import {
  DescriptionList,
  DescriptionListItem,
  Flex,
  Heading,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'

import type { HealthModelInput } from '../../../health/index.ts'
import { BAND_FIELDS, INPUT_FIELDS, toForm } from '../utils/model-form.ts'

export interface ModelInUseProps {
  readonly model: HealthModelInput
}

/** The private app's model, read-only, and how to change it. */
export function ModelInUse({ model }: ModelInUseProps) {
  const form = toForm(model)
  return (
    <Flex direction="column" gap="md" testId="settings-model-in-use">
      <Text>
        This private app scores with the model built into it: {model.label} ({model.id}@
        {model.version}). HubSpot has nowhere to store settings for a private app, so the model is
        shown here read-only.
      </Text>
      <Heading>Weights</Heading>
      <Table bordered density="condensed" testId="settings-weights">
        <TableHead>
          <TableRow>
            <TableHeader>Component</TableHeader>
            <TableHeader>Weight</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {model.components.map((component) => (
            <TableRow key={component.id} testId={`weight-${component.id}`}>
              <TableCell>{component.label}</TableCell>
              <TableCell>{`${form.weights[component.id]}%`}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Heading>Tiers and inputs</Heading>
      <DescriptionList direction="row" testId="settings-bands">
        {BAND_FIELDS.map(({ key, label }) => (
          <DescriptionListItem key={key} label={label}>
            <Text>{String(form.bands[key])}</Text>
          </DescriptionListItem>
        ))}
      </DescriptionList>
      <DescriptionList direction="column" testId="settings-inputs">
        {INPUT_FIELDS.map(({ key, feeds, label }) => (
          <DescriptionListItem key={key} label={`${feeds}: ${label}`}>
            <Text>{form.inputs[key]}</Text>
          </DescriptionListItem>
        ))}
      </DescriptionList>
      <Heading>Changing the model</Heading>
      <Text testId="settings-how-to-change">
        Edit the model in the app’s repository (src/health/default-model.ts), run npm run build, and
        upload the private build again with hs project upload from build/hubspot/private. The next
        score of each company uses the new model.
      </Text>
      <Heading>Backtesting a model</Heading>
      <Text testId="settings-backtest-private">
        This page cannot backtest a model in the private app: a backtest reads the portal’s whole
        history, which takes minutes, and app functions stop after 15 seconds. Run it from the
        command line instead, with the app’s token: health-score calibrate --model my-model.json
        compares that model’s predictions of past renewals with the outcomes, and health-score
        calibrate alone backtests the built-in model and recommends weights.
      </Text>
    </Flex>
  )
}
